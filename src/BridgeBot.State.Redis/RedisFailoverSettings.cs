namespace BridgeBot.State.Redis;

using StackExchange.Redis;

/// <summary>
/// The StackExchange.Redis settings BridgeBot uses unless the configuration string sets them itself. Chosen so that
/// a dead node or a failover costs a user one quick "try again" (an HTTP 503) and never a hung request, and so that
/// the connection follows a promoted replica by itself. docs/redis-failover.md gives the reason for each.
/// </summary>
public static class RedisFailoverSettings
{
    /// <summary>Longest a command waits (queued or on the wire) before it fails: inside Slack's 3 s ack budget.</summary>
    public const int CommandTimeoutMs = 2000;

    /// <summary>Longest a (re)connect attempt to one node waits: a dead node is given up on quickly.</summary>
    public const int ConnectTimeoutMs = 2000;

    /// <summary>How often each connected node is asked for its replication role (also the sockets' keep-alive).</summary>
    public const int ConfigCheckSeconds = 5;

    /// <summary>Backstop re-read of the whole topology when nothing failed, redirected or was announced.</summary>
    public const int TopologyRefreshSeconds = 60;

    /// <summary>Applies the failover settings to <paramref name="options"/> parsed from <paramref name="configuration"/>.</summary>
    public static ConfigurationOptions Apply(ConfigurationOptions options, string configuration)
    {
        options.AbortOnConnectFail = false;
        options.ClientName ??= "bridgebot";

        // The readiness check reads the cluster's current slot map (CLUSTER NODES), which the library files under
        // admin commands. BridgeBot sends no other admin command; allowAdmin=false in the string still wins.
        if (!Sets(configuration, "allowAdmin"))
        {
            options.AllowAdmin = true;
        }
        if (!Sets(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = ConnectTimeoutMs;
        }

        if (!Sets(configuration, "syncTimeout"))
        {
            options.SyncTimeout = CommandTimeoutMs;
        }

        if (!Sets(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = CommandTimeoutMs;
        }

        if (!Sets(configuration, "configCheckSeconds"))
        {
            options.ConfigCheckSeconds = ConfigCheckSeconds;
        }

        if (!Sets(configuration, "topologyRefreshSeconds"))
        {
            options.TopologyRefreshSeconds = TopologyRefreshSeconds;
        }

        // Queue while a node reconnects (a restart shorter than the command timeout costs nobody anything), but a
        // command already sent on a connection that died fails at once: its outcome is unknown, and the caller's
        // retry (idempotent) is quicker than waiting out the timeout.
        options.BacklogPolicy = new BacklogPolicy { QueueWhileDisconnected = true, AbortPendingOnConnectionFailure = true };

        // Randomized, from 250 ms up to 2 s between attempts: a restarted node is found within about 2 s, and many
        // hosts do not reconnect in lockstep.
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        return options;
    }

    private static bool Sets(string configuration, string name) =>
        configuration.Split(',').Any(part => part.Trim().StartsWith(name + "=", StringComparison.OrdinalIgnoreCase));
}
