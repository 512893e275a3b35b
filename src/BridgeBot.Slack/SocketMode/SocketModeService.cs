namespace BridgeBot.Slack.SocketMode;

using System.Net.WebSockets;
using System.Text.Json;
using BridgeBot.Slack.Api;
using BridgeBot.Slack.Configuration;
using BridgeBot.Slack.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>
/// Socket Mode transport (no public URL): apps.connections.open with the app-level token, one WebSocket,
/// every envelope acked within Slack's 3 s, and a fresh connection after <c>disconnect</c> or a dead socket,
/// with bounded exponential backoff between failed attempts.
/// </summary>
public sealed partial class SocketModeService(
    IOptions<SlackOptions> options,
    SlackApiClient api,
    SocketModeDispatcher dispatcher,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private const int MaxFrameBytes = 1024 * 1024;

    /// <summary>How many connections were opened (hello received); for diagnostics and tests.</summary>
    public int Connections { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var appToken = options.Value.AppToken;
        if (string.IsNullOrWhiteSpace(appToken))
        {
            return;
        }

        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var healthy = false;
            try
            {
                healthy = await RunConnectionAsync(appToken, stoppingToken);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or TimeoutException)
            {
                LogConnectionLost(ex.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (healthy)
            {
                backoff = TimeSpan.FromSeconds(1);
                continue;
            }

            await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    /// <summary>One connection's life; true when it ended the orderly way (Slack asked to reconnect).</summary>
    private async Task<bool> RunConnectionAsync(string appToken, CancellationToken stoppingToken)
    {
        var opened = await api.OpenConnectionAsync(appToken, stoppingToken);
        if (!opened.Ok || opened.Value!.Url is not { Length: > 0 } url)
        {
            LogOpenFailed(opened.Error?.ToString() ?? "no url");
            return false;
        }

        using var socket = new ClientWebSocket();
        // Slack pings; our own keep-alive with a timeout catches a connection that died without a close.
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        await socket.ConnectAsync(new Uri(url), stoppingToken);

        using var sendLock = new SemaphoreSlim(1, 1);
        var inFlight = new List<Task>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await ReceiveAsync(socket, stoppingToken);
                if (frame is null)
                {
                    return false;
                }

                var envelope = Parse(frame);
                switch (envelope?.Type)
                {
                    case "hello":
                        Connections++;
                        LogConnected(Connections);
                        break;
                    case "disconnect":
                        LogDisconnectRequested(envelope.Reason ?? "unknown");
                        await CloseQuietlyAsync(socket);
                        return true;
                    case null:
                        break;
                    default:
                        inFlight.RemoveAll(t => t.IsCompleted);
                        inFlight.Add(HandleEnvelopeAsync(socket, sendLock, envelope, stoppingToken));
                        break;
                }
            }

            return false;
        }
        finally
        {
            // Let envelopes already being handled send their acks (bounded by the turn budget) before the socket goes.
            await Task.WhenAll(inFlight).WaitAsync(TimeSpan.FromSeconds(3), CancellationToken.None)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, SemaphoreSlim sendLock, SocketEnvelope envelope, CancellationToken ct)
    {
        var ack = await dispatcher.DispatchAsync(envelope);
        if (ack is null)
        {
            return;
        }

        await sendLock.WaitAsync(ct);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
        }
        catch (WebSocketException ex)
        {
            LogAckFailed(envelope.EnvelopeId ?? "?", ex.Message);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private SocketEnvelope? Parse(byte[] frame)
    {
        try
        {
            return JsonSerializer.Deserialize(frame, SlackJsonContext.Default.SocketEnvelope);
        }
        catch (JsonException ex)
        {
            // One garbled frame is no reason to drop a healthy connection.
            LogBadFrame(ex.Message);
            return null;
        }
    }

    private static async Task<byte[]?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            if (message.Length + result.Count > MaxFrameBytes)
            {
                throw new WebSocketException("Socket Mode frame larger than 1 MB.");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer is gone already; nothing to close.
        }
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "Slack Socket Mode connected (connection {Count})")]
    private partial void LogConnected(int count);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Slack Socket Mode: server asked to reconnect ({Reason})")]
    private partial void LogDisconnectRequested(string reason);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost: {Reason}; reconnecting")]
    private partial void LogConnectionLost(string reason);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Slack Socket Mode: apps.connections.open failed: {Error}")]
    private partial void LogOpenFailed(string error);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Warning, Message = "Slack Socket Mode: ignored a frame that is not JSON: {Reason}")]
    private partial void LogBadFrame(string reason);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning, Message = "Slack Socket Mode: ack for envelope {EnvelopeId} not sent: {Reason}")]
    private partial void LogAckFailed(string envelopeId, string reason);
}
