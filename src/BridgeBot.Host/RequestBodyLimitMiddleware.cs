namespace BridgeBot.Host;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

/// <summary>
/// Caps request bodies for every endpoint. Kestrel enforces the cap while reading; a declared Content-Length
/// over the cap is refused with 413 before any endpoint runs, whatever server hosts the app. A body that turns out
/// too large or too slow while an endpoint reads it (Kestrel's 413 and 408) is the caller's fault, not a bug: it is
/// answered with its status and one short log line instead of an unhandled exception with a stack trace.
/// </summary>
internal sealed partial class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<BridgeBotHostOptions> options, ILogger<RequestBodyLimitMiddleware> logger)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            LogRefused(logger, StatusCodes.Status413PayloadTooLarge, context.Request.Path, "declared body over the cap");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = _limit;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            LogRefused(logger, ex.StatusCode, context.Request.Path, ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "body over the cap",
                StatusCodes.Status408RequestTimeout => "body sent too slowly",
                _ => "malformed request",
            });
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Request to {Path} refused with {Status}: {Reason}.")]
    private static partial void LogRefused(ILogger logger, int status, PathString path, string reason);
}
