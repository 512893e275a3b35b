namespace BridgeBot.Host.Dashboard;

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

/// <summary>
/// The dashboard's own sign-in, kept apart from the bot's endpoints: one policy scheme that reads the Teams tab's
/// SSO bearer token or the browser's sign-in cookie, OpenID Connect with Entra ID to get that cookie, and one
/// authorization policy (<see cref="Policy"/>) that admits members of the IT team or leads, or anyone on a
/// Development host on loopback. None of these is the default scheme, so no other endpoint is affected.
/// </summary>
internal static class DashboardAuthentication
{
    public const string Policy = "Dashboard";
    public const string Scheme = "Dashboard";
    public const string CookieScheme = "Dashboard.Cookies";
    public const string OidcScheme = "Dashboard.OpenIdConnect";
    public const string SsoScheme = "Dashboard.TeamsSso";
    public const string MetadataClient = "Dashboard.Metadata";

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var entra = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>()?.Entra ?? new DashboardEntraOptions();
        services.AddHttpClient(MetadataClient);
        services.AddSingleton<TeamsSsoKeys>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ItTeamAuthorizationHandler>();

        var auth = services.AddAuthentication()
            .AddPolicyScheme(Scheme, "IT dashboard", o =>
            {
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SsoScheme : CookieScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, TeamsSsoAuthenticationHandler>(SsoScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "__Host-bridgebot-dashboard";
                o.Cookie.Path = "/";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.HttpOnly = true;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                if (entra.IsConfigured)
                {
                    o.ForwardChallenge = OidcScheme;
                }

                o.Events.OnRedirectToLogin = context => Refuse(context.HttpContext, StatusCodes.Status401Unauthorized,
                    "Sign-in is required, and this host has no Entra app for the dashboard: set Dashboard:Entra:TenantId and Dashboard:Entra:ClientId.");
                o.Events.OnRedirectToAccessDenied = context => Refuse(context.HttpContext, StatusCodes.Status403Forbidden,
                    "The dashboard is for the IT team and IT leads.");
            });
        if (entra.IsConfigured)
        {
            auth.AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = CookieScheme;
                o.Authority = entra.Authority;
                o.MetadataAddress = entra.Metadata;
                o.RequireHttpsMetadata = !(Uri.TryCreate(entra.Metadata, UriKind.Absolute, out var uri) && uri.IsLoopback);
                o.ClientId = entra.ClientId;
                o.ClientSecret = entra.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/dashboard/signin-oidc";
                o.SignedOutCallbackPath = "/dashboard/signout-oidc";
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");

                // The JSON API answers 401 rather than redirecting a script to the sign-in page.
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/dashboard/api", StringComparison.Ordinal))
                    {
                        context.HandleResponse();
                        return Refuse(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in at /dashboard first.");
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .AddRequirements(new ItTeamRequirement()));
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        return services;
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new DashboardProblem(message), DashboardJsonContext.Default.DashboardProblem);
    }
}
