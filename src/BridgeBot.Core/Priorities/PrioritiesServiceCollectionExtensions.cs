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
    /// Adds the board (compiler, review, <c>board</c> dialog and review buttons) and the vendor co-sign
    /// (<c>signoff</c>). Needs <c>AddItRequests</c>. <see cref="PriorityOptions"/> are bound by the host
    /// (section <c>Priorities</c>); without them nobody is in the leadership group and nothing is published.
    /// </summary>
    public static IServiceCollection AddPriorities(this IServiceCollection services)
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
