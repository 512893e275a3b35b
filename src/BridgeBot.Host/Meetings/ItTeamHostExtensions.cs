namespace BridgeBot.Host.Meetings;

using BridgeBot.Core.ItTeam;
using BridgeBot.Core.Meetings;
using BridgeBot.Core.Requests;
using Microsoft.Extensions.Options;

/// <summary>Binds the one IT team roster and lays it over the older per-feature lists.</summary>
internal static class ItTeamHostExtensions
{
    public static IServiceCollection AddItTeam(this IServiceCollection services)
    {
        services.AddOptions<ItTeamOptions>().BindConfiguration(ItTeamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ItTeamOptions>, ItTeamOptionsValidator>();
        services.AddOptions<RequestsOptions>().PostConfigure<IOptions<ItTeamOptions>>((requests, team) => ItTeamRoster.ApplyTo(team.Value, requests));
        services.AddOptions<MeetingsOptions>().PostConfigure<IOptions<ItTeamOptions>>((meetings, team) => ItTeamRoster.ApplyTo(team.Value, meetings));
        services.AddHostedService<ItTeamSettingsWarning>();
        return services;
    }
}

internal sealed class ItTeamOptionsValidator : IValidateOptions<ItTeamOptions>
{
    public ValidateOptionsResult Validate(string? name, ItTeamOptions options) =>
        ItTeamRoster.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

/// <summary>Names the new setting at startup when an older IT roster setting is still in use (or now ignored).</summary>
internal sealed partial class ItTeamSettingsWarning(IConfiguration configuration, ILogger<ItTeamSettingsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var teamSet = configuration.GetSection(ItTeamRoster.Setting).GetChildren().Any();
        foreach (var legacy in new[] { ItTeamRoster.LegacyRequestsSetting, ItTeamRoster.LegacyMeetingsSetting })
        {
            if (!configuration.GetSection(legacy).GetChildren().Any())
            {
                continue;
            }

            if (teamSet)
            {
                LogLegacyIgnored(logger, legacy, ItTeamRoster.Setting);
            }
            else
            {
                LogLegacyUsed(logger, legacy, ItTeamRoster.Setting);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 650, Level = LogLevel.Warning,
        Message = "{Legacy} is deprecated and will stop working in the next release: move the IT team to {Setting} (e-mail plus Teams and Slack ids per person), used by requests and meetings alike.")]
    private static partial void LogLegacyUsed(ILogger logger, string legacy, string setting);

    [LoggerMessage(EventId = 651, Level = LogLevel.Warning, Message = "{Legacy} is ignored because {Setting} is set; remove {Legacy}.")]
    private static partial void LogLegacyIgnored(ILogger logger, string legacy, string setting);
}
