namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Scheduling;
using BridgeBot.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Compiles the priority board on time: checks at start-up and then every <c>Priorities:SchedulerInterval</c>.
/// Every host runs it; compiling is create-if-absent per cycle, so only one host stores the board and sends it.
/// </summary>
internal sealed partial class PriorityBoardScheduler(
    BoardCompiler compiler, IOptions<PriorityOptions> options, TimeProvider time, StateStoreOutageMonitor outages,
    ILogger<PriorityBoardScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StoreTolerantTimer.RunAsync(options.Value.SchedulerInterval, time, CompileDueAsync, outages, "scheduler", LogTickFailed, stoppingToken);

    // Compiling is create-if-absent per cycle, so a tick that failed half-way is simply repeated by the next one.
    private async Task CompileDueAsync(CancellationToken cancellationToken)
    {
        if (await compiler.CompileDueAsync(cancellationToken) is { Created: true } outcome)
        {
            LogCompiled(outcome.Board.CycleId, outcome.Board.Items.Count);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Scheduler compiled priority board {CycleId} ({Count} requests)")]
    private partial void LogCompiled(string cycleId, int count);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "Priority board tick failed; retrying at the next tick")]
    private partial void LogTickFailed(Exception ex);
}
