namespace BridgeBot.Host;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

/// <summary>
/// Caps request bodies for every endpoint. Kestrel enforces the cap while reading; a declared Content-Length
/// over the cap is refused with 413 before any endpoint runs, whatever server hosts the app.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<BridgeBotHostOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = _limit;
        }

        return next(context);
    }
}
