namespace BridgeBot.Core.Priorities;

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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerInterval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await compiler.CompileDueAsync(cancellationToken) is { Created: true } outcome)
            {
                LogCompiled(outcome.Board.CycleId, outcome.Board.Items.Count);
            }
        }
        catch (StateStoreUnavailableException ex)
        {
            outages.Report("scheduler", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store outage must not end the scheduler: the next tick tries again, and compiling is idempotent.
            LogTickFailed(ex);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Scheduler compiled priority board {CycleId} ({Count} requests)")]
    private partial void LogCompiled(string cycleId, int count);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "Priority board tick failed; retrying at the next tick")]
    private partial void LogTickFailed(Exception ex);
}
