namespace BridgeBot.State.Redis;

using Microsoft.Extensions.Hosting;
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
/// without Redis rather than losing requests quietly. A configuration string that StackExchange.Redis cannot read,
/// or that names no server, stops startup in every environment: otherwise the first turn fails instead.
/// </summary>
internal sealed class RedisOptionsValidator(IHostEnvironment environment) : IValidateOptions<RedisOptions>
{
    private const string Example = "e.g. 'redis:6379' or 'redis:6380,ssl=true,password=…'";

    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        if (!options.IsConfigured)
        {
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail(
                    "Redis:Configuration is required in Production (set Redis__Configuration, e.g. 'redis:6379'). " +
                    "The in-memory store is only for Development and demos.")
                : ValidateOptionsResult.Success;
        }

        StackExchange.Redis.ConfigurationOptions parsed;
        try
        {
            parsed = StackExchange.Redis.ConfigurationOptions.Parse(options.Configuration!);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The parser names the keyword or value it did not understand, never the password.
            return ValidateOptionsResult.Fail($"Redis:Configuration is not a valid StackExchange.Redis configuration string ({ex.Message}); {Example}.");
        }

        return parsed.EndPoints.Count == 0
            ? ValidateOptionsResult.Fail($"Redis:Configuration names no server; {Example}.")
            : ValidateOptionsResult.Success;
    }
}
