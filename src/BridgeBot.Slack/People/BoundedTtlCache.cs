namespace BridgeBot.Slack.People;

/// <summary>
/// A small thread-safe cache with a fixed capacity and a time to live per entry: when full, the least recently
/// used entry goes. Memory stays bounded however many users a workspace has.
/// </summary>
internal sealed class BoundedTtlCache<TKey, TValue>(int capacity, TimeProvider time)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = new(capacity);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                _recency.Remove(node);
                _entries.Remove(key);
            }
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, TimeSpan timeToLive)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_entries.Count >= capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, time.GetUtcNow() + timeToLive));
        }
    }

    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset ExpiresAt);
}
