namespace BridgeBot.Host.Dashboard;

using System.Net;
using System.Security.Claims;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

/// <summary>How this request may see the dashboard.</summary>
internal enum DashboardAccessMode
{
    /// <summary>Signed in (Entra ID, or the Teams tab's SSO token) as a member of the IT team or leads.</summary>
    SignedIn,

    /// <summary>A Development host on loopback: open without sign-in, and the page says so.</summary>
    DevelopmentLoopback,
}

/// <summary>
/// Who belongs to the IT team or leads: the configured IT representatives and leads (by e-mail or Entra object id)
/// and members of <see cref="DashboardOptions.ItGroupId"/>.
/// </summary>
internal sealed class DashboardAccess(
    IOptions<DashboardOptions> dashboard, MeetingsOptions meetings, IOptions<RequestsOptions> requests, IHostEnvironment environment)
{
    public bool OpenWithoutSignIn(HttpContext context) =>
        environment.IsDevelopment() && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    public bool IsMember(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var names = new[] { "preferred_username", "upn", "email", ClaimTypes.Email, ClaimTypes.Upn, ClaimTypes.Name }
            .SelectMany(user.FindAll).Select(c => c.Value).Where(v => v.Contains('@', StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var objectId = user.FindFirst("oid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value;
        var group = dashboard.Value.ItGroupId;
        return meetings.ItRepresentatives.Any(names.Contains) ||
            (meetings.ItLead is { } lead && names.Contains(lead)) ||
            dashboard.Value.ItLeads.Any(names.Contains) ||
            requests.Value.ItRepresentatives.Any(r =>
                (r.Email is { } email && names.Contains(email)) ||
                (objectId is not null && string.Equals(r.TeamsAadObjectId, objectId, StringComparison.OrdinalIgnoreCase))) ||
            (group is not null && user.FindAll("groups").Any(g => string.Equals(g.Value, group, StringComparison.OrdinalIgnoreCase)));
    }

    public static string? NameOf(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value ?? user.Identity?.Name;
}

/// <summary>The dashboard's requirement: a member of the IT team or leads, or a Development host on loopback.</summary>
internal sealed class ItTeamRequirement : IAuthorizationRequirement;

internal sealed class ItTeamAuthorizationHandler(DashboardAccess access) : AuthorizationHandler<ItTeamRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ItTeamRequirement requirement)
    {
        if ((context.Resource is HttpContext http && access.OpenWithoutSignIn(http)) || access.IsMember(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
