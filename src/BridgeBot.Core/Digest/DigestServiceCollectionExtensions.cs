namespace BridgeBot.Core.Digest;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>Registers the IT lead's summary and the weekly digest.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ItLeadSummaryReader"/>, <see cref="MeetingAssigner"/>, <see cref="WeeklyDigestSender"/> and its
    /// timer, with their options (section <c>Digest</c>, checked at start). Meetings and requests must be registered too.
    /// </summary>
    public static IServiceCollection AddBridgeBotDigest(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DigestOptions>>().Value);
        services.AddSingleton<ItLeadSummaryReader>();
        services.AddSingleton<WeeklyDigestSender>();
        services.AddSingleton<MeetingAssigner>();
        services.AddHostedService<DigestSchedulerService>();
        return services;
    }
}
