namespace BridgeBot.Core.Digest;

using Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the IT lead's summary and the weekly digest.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ItLeadSummaryReader"/> and <see cref="WeeklyDigestSender"/>. <see cref="DigestOptions"/> must be
    /// registered as a singleton by the caller (the host binds it); meetings and requests must be registered too.
    /// </summary>
    public static IServiceCollection AddItLeadDigest(this IServiceCollection services)
    {
        services.AddSingleton<ItLeadSummaryReader>();
        services.AddSingleton<WeeklyDigestSender>();
        services.AddSingleton<MeetingAssigner>();
        return services;
    }
}
