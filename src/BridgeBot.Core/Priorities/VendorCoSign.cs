namespace BridgeBot.Core.Priorities;

using System.Text.Json.Serialization;
using BridgeBot.Core.Requests;
using BridgeBot.Core.Turns;

/// <summary>Which side signs: the marketing owner (the requester) or IT.</summary>
internal enum CoSignSide
{
    Marketing,
    It,
}

/// <summary>A signature: who, on which platform, when.</summary>
public sealed record CoSignature(string Name, ChannelKind Platform, string UserId, DateTimeOffset At);

/// <summary>
/// The vendor chosen for a request and who signed it off. Signing a different vendor than the one on record starts
/// over with only the new signature; asking for a change clears both signatures.
/// </summary>
public sealed record VendorSignOff(string? Vendor)
{
    public CoSignature? Marketing { get; init; }

    public CoSignature? It { get; init; }

    /// <summary>The last change someone asked for before signing, with who asked.</summary>
    public string? ChangeRequested { get; init; }

    [JsonIgnore]
    public bool IsComplete => Vendor is not null && Marketing is not null && It is not null;
}

/// <summary>A co-sign step on a request; <see cref="VendorCoSign"/> decides whether it may happen.</summary>
internal abstract record VendorCoSignChange(CoSignSide Side) : RequestChange;

/// <summary>One side signs off <paramref name="Vendor"/>.</summary>
internal sealed record SignVendor(string Vendor, CoSignSide Side) : VendorCoSignChange(Side)
{
    public override string Name => "vendor-sign";
}

/// <summary>One side asks for a change before signing; both signatures are cleared.</summary>
internal sealed record AskVendorChange(string Note, CoSignSide Side) : VendorCoSignChange(Side)
{
    public override string Name => "vendor-change";
}

/// <summary>
/// The IT co-sign on vendor contracts as pure functions. A request that names vendors (vendor "yes" or a shortlist)
/// cannot start until the marketing owner and an IT representative both signed the same vendor.
/// <see cref="RequestLifecycle"/> calls <see cref="BlocksStart"/> before work starts and <see cref="Apply"/> for co-sign steps;
/// whether an IT-side actor is an IT representative is checked by the caller (the lifecycle does not know the roster).
/// </summary>
internal static class VendorCoSign
{
    public static bool NamesVendors(ItRequest request) =>
        request.Values.GetValueOrDefault(RequirementsForm.Vendor) == "yes" || Shortlist(request).Count > 0;

    public static IReadOnlyList<string> Shortlist(ItRequest request) =>
        RequirementsForm.ShortlistProducts(request.Values.GetValueOrDefault(RequirementsForm.Shortlist));

    /// <summary>Why work may not start yet, or null when it may.</summary>
    public static string? BlocksStart(ItRequest request)
    {
        if (!NamesVendors(request) || request.VendorSignOff is { IsComplete: true })
        {
            return null;
        }

        var s = request.VendorSignOff;
        return $"{request.Id} names vendors, so {request.Requester.Name} (marketing) and an IT representative must both sign off the chosen vendor before work starts (signoff {request.Id}). " +
            $"So far: vendor {s?.Vendor ?? "not chosen"}; marketing {Signed(s?.Marketing)}; IT {Signed(s?.It)}.";
    }

    public static LifecycleResult Apply(ItRequest request, VendorCoSignChange change, RequestActor by, DateTimeOffset at)
    {
        if (!NamesVendors(request))
        {
            return new ChangeRefused($"{request.Id} names no vendor, so there is nothing to co-sign.");
        }

        if (request.Status == RequestStatus.InProgress)
        {
            return new ChangeRefused($"Work on {request.Id} has started; the vendor sign-off is closed.");
        }

        if (change.Side == CoSignSide.Marketing &&
            (by.Platform != request.Requester.Platform || by.UserId != request.Requester.UserId))
        {
            return new ChangeRefused($"Only {request.Requester.Name}, who filed {request.Id}, signs for marketing.");
        }

        var current = request.VendorSignOff;
        switch (change)
        {
            case SignVendor sign:
                var vendor = sign.Vendor.Trim();
                var shortlist = Shortlist(request);
                if (vendor.Length == 0)
                {
                    return new ChangeRefused("Name the vendor you sign off.");
                }

                if (shortlist.Count > 0)
                {
                    var listed = shortlist.FirstOrDefault(v => string.Equals(v, vendor, StringComparison.OrdinalIgnoreCase));
                    if (listed is null)
                    {
                        return new ChangeRefused($"{vendor} is not on the shortlist of {request.Id} ({string.Join(", ", shortlist)}).");
                    }

                    vendor = listed;
                }

                var signature = new CoSignature(by.Name, by.Platform, by.UserId, at);
                var same = current?.Vendor is { } v && string.Equals(v, vendor, StringComparison.OrdinalIgnoreCase);
                var basis = same ? current! : new VendorSignOff(vendor);
                var signed = sign.Side == CoSignSide.Marketing ? basis with { Marketing = signature } : basis with { It = signature };
                return Applied(request, signed, change, by, at, $"{SideName(sign.Side)} signed off {vendor}" +
                    (same || current?.Vendor is null ? "." : $" (instead of {current.Vendor}; earlier signatures cleared)."));

            case AskVendorChange ask when string.IsNullOrWhiteSpace(ask.Note):
                return new ChangeRefused("Say what should change; the other side will see it.");

            case AskVendorChange ask:
                var note = $"{by.Name} ({SideName(ask.Side)}) asked for a change: {ask.Note.Trim()}";
                return Applied(request, new VendorSignOff(current?.Vendor) { ChangeRequested = note }, change, by, at, note + " Signatures cleared.");

            default:
                return new ChangeRefused($"{change.Name} is not a known co-sign step.");
        }
    }

    public static string SideName(CoSignSide side) => side == CoSignSide.Marketing ? "Marketing" : "IT";

    private static string Signed(CoSignature? s) => s is null ? "not signed" : $"signed by {s.Name} at {s.At:yyyy-MM-dd HH:mm} UTC";

    private static ChangeApplied Applied(ItRequest request, VendorSignOff signOff, RequestChange change, RequestActor by, DateTimeOffset at, string note)
    {
        var entry = new AuditEntry(at, by, change.Name, request.Status, request.Status, note);
        return new ChangeApplied(request with { VendorSignOff = signOff, History = [.. request.History, entry] }, entry);
    }
}
