namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Turns;
using Microsoft.Extensions.Options;

/// <summary>Recognises configured IT representatives on either platform, by platform id or by e-mail.</summary>
public sealed class ItRepresentatives(IOptions<RequestsOptions> options)
{
    /// <summary>The representative behind this user on this platform, or null when they are not one.</summary>
    public ItRepresentativeOptions? Find(ChannelKind platform, TurnUser user) =>
        options.Value.ItRepresentatives.FirstOrDefault(rep => PersonIds.Matches(rep, platform, user));
}
