namespace BridgeBot.Teams.Connector;

using Microsoft.Extensions.Hosting;

/// <summary>Writes the reference changes <see cref="ConversationReferenceStore"/> keeps, once a second and at shutdown.</summary>
public sealed class ConversationReferenceFlusher(ConversationReferenceStore references, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await references.FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await references.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
