namespace BridgeBot.Graph;

using System.Threading.Channels;

/// <summary>
/// Verified notifications waiting for processing. Graph wants an answer within 3 s, and fetching the event takes a
/// Graph round trip, so the endpoint only queues and a background worker does the rest.
/// </summary>
internal sealed class GraphNotificationQueue
{
    private readonly Channel<GraphNotification> _channel = Channel.CreateBounded<GraphNotification>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public bool TryEnqueue(GraphNotification notification) => _channel.Writer.TryWrite(notification);

    public IAsyncEnumerable<GraphNotification> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
