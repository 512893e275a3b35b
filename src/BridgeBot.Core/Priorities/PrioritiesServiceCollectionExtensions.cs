namespace BridgeBot.Core.Priorities;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Priorities.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

/// <summary>Registers the priority board and the vendor co-sign.</summary>
public static class PrioritiesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the priority board with its options (section <c>Priorities</c>, checked at start): compiler, review,
    /// <c>board</c> dialog and review buttons, the vendor co-sign (<c>signoff</c>) and the timer that compiles the
    /// board on time. Needs <see cref="Requests.RequestsServiceCollectionExtensions.AddBridgeBotRequests"/>.
    /// </summary>
    public static IServiceCollection AddBridgeBotPriorities(this IServiceCollection services)
    {
        services.AddOptions<PriorityOptions>().BindConfiguration(PriorityOptions.Section).ValidateOnStart();
        services.AddPriorities();
        services.AddHostedService<PriorityBoardScheduler>();
        return services;
    }

    // Without bound options nobody is in the leadership group and nothing is published; the board tests start here.
    internal static IServiceCollection AddPriorities(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PriorityOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PriorityOptions>, PriorityOptionsValidator>());

        services.TryAddSingleton<LeadershipGroup>();
        services.TryAddSingleton<BoardRepository>();
        services.TryAddSingleton<BoardCompiler>();
        services.TryAddSingleton<BoardReview>();
        services.TryAddSingleton<CoSignWorkflow>();

        services.AddSingleton<IDialog, BoardDialog>();
        services.AddSingleton<IDialog, BoardReviewDialog>();
        services.AddSingleton<IDialog, VendorSignOffDialog>();
        return services;
    }
}
