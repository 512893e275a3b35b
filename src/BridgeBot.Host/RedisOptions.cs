namespace BridgeBot.Host;

using Microsoft.Extensions.Options;

/// <summary>Section <c>Redis</c>: where shared state lives. Empty means the in-memory default.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c> or <c>host:6380,ssl=true,password=…</c>.</summary>
    public string? Configuration { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>
/// In-memory state is lost on restart and not shared between hosts, so a Production host refuses to start
/// without Redis rather than losing requests quietly.
/// </summary>
internal sealed class RedisOptionsValidator(IHostEnvironment environment) : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options) =>
        environment.IsProduction() && !options.IsConfigured
            ? ValidateOptionsResult.Fail(
                "Redis:Configuration is required in Production (set Redis__Configuration, e.g. 'redis:6379'). " +
                "The in-memory store is only for Development and demos.")
            : ValidateOptionsResult.Success;
}
