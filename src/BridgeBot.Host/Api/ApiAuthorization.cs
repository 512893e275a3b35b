namespace BridgeBot.Host.Api;

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

/// <summary>
/// The one authorization policy of the <c>/api</c> route group: an API key, or (when <c>Api:EntraAuthority</c> is
/// set) an Entra ID access token, carrying the role the endpoint names with <see cref="RequiresApiRole"/>.
/// Refusals are problem details.
/// </summary>
internal static class ApiAuthorization
{
    public const string Policy = "BridgeBotApi";
    public const string EntraScheme = "Entra";

    public static IServiceCollection AddApiAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();

        var authentication = services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        string[] schemes = [ApiKeyAuthenticationHandler.SchemeName];
        if (api.EntraEnabled)
        {
            authentication.AddJwtBearer(EntraScheme, o =>
            {
                o.Authority = api.EntraAuthority;
                o.Audience = api.EntraAudience;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.TokenValidationParameters.NameClaimType = "azp";
            });
            schemes = [ApiKeyAuthenticationHandler.SchemeName, EntraScheme];
        }

        services.AddSingleton<IAuthorizationHandler, ApiRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiProblemResultHandler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(schemes)
            .RequireAuthenticatedUser()
            .AddRequirements(new ApiRoleRequirement()));
        return services;
    }

    /// <summary>The role the endpoint's <see cref="RequiresApiRole"/> names; an endpoint without one admits any authenticated caller.</summary>
    private sealed class ApiRoleRequirement : IAuthorizationRequirement;

    private sealed class ApiRoleHandler : AuthorizationHandler<ApiRoleRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiRoleRequirement requirement)
        {
            var role = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<RequiresApiRole>()?.Role;
            if (role is null || context.User.IsInRole(role))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>401 and 403 of the API as problem details (the default handler answers with an empty body).</summary>
    private sealed class ApiProblemResultHandler : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ApiGroupMarker>() is null || authorizeResult.Succeeded)
            {
                await _default.HandleAsync(next, context, policy, authorizeResult);
                return;
            }

            if (authorizeResult.Challenged)
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer, ApiKey header=\"{ApiKeyAuthenticationHandler.HeaderName}\"";
                await ApiProblems.Unauthorized(
                    $"Send an API key ({ApiKeyAuthenticationHandler.HeaderName}: <key> or Authorization: Bearer <key>) or an Entra access token.").ExecuteAsync(context);
                return;
            }

            var role = context.GetEndpoint()?.Metadata.GetMetadata<RequiresApiRole>()?.Role;
            await ApiProblems.Forbidden($"This credential does not grant {role ?? "access"}.").ExecuteAsync(context);
        }
    }
}

/// <summary>Endpoint metadata of everything in the <c>/api</c> route group.</summary>
internal sealed class ApiGroupMarker;
