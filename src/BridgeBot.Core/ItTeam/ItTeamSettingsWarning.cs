namespace BridgeBot.Core.ItTeam;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
