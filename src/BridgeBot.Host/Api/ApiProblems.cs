namespace BridgeBot.Host.Api;

using System.Globalization;

/// <summary>
/// Every error of the HTTP API as RFC 9457 problem details (<c>application/problem+json</c>): <c>title</c> says
/// what kind of error, <c>detail</c> what exactly, and validation failures list each one under <c>errors</c>.
/// </summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail, IReadOnlyList<string>? errors = null) => Problem(
        StatusCodes.Status400BadRequest, "The request is not valid.", detail,
        errors is { Count: > 0 } ? new Dictionary<string, object?> { ["errors"] = errors } : null);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    /// <summary>A dependency (the state store) is unreachable: try again after <paramref name="retryAfter"/>.</summary>
    public static IResult Unavailable(string detail, TimeSpan retryAfter) => new RetryAfterResult(
        Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable.", detail), retryAfter);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Authentication required.", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Not allowed.", detail);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
