namespace BridgeBot.Core.ItTeam;

using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>Binds the one IT team roster and lays it over the older per-feature lists.</summary>
internal static class ItTeamServiceCollectionExtensions
{
    public static IServiceCollection AddBridgeBotItTeam(this IServiceCollection services)
    {
        services.AddOptions<ItTeamOptions>().BindConfiguration(ItTeamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ItTeamOptions>, ItTeamOptionsValidator>();
        services.AddOptions<RequestsOptions>().PostConfigure<IOptions<ItTeamOptions>>((requests, team) => ItTeamRoster.ApplyTo(team.Value, requests));
        services.AddOptions<MeetingsOptions>().PostConfigure<IOptions<ItTeamOptions>>((meetings, team) => ItTeamRoster.ApplyTo(team.Value, meetings));
        services.AddHostedService<ItTeamSettingsWarning>();
        return services;
    }
}
