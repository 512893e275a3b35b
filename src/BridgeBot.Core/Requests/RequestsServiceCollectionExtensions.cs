namespace BridgeBot.Core.Requests;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Requests.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

/// <summary>Registers the IT-request domain.</summary>
public static class RequestsServiceCollectionExtensions
{
    /// <summary>
    /// Adds IT requests with their options (section <c>Requests</c>, checked at start): intake, drafts, triage, status
    /// and queue dialogs and the bridge that tells the requester on their own platform.
    /// </summary>
    public static IServiceCollection AddBridgeBotRequests(this IServiceCollection services)
    {
        services.AddOptions<RequestsOptions>().BindConfiguration(RequestsOptions.Section).ValidateOnStart();
        return services.AddItRequests();
    }

    // Without bound options nobody is an IT representative and nothing is posted for triage; the dialog tests start here.
    internal static IServiceCollection AddItRequests(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RequestsOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RequestsOptions>, RequestsOptionsValidator>());

        services.TryAddSingleton<ItRepresentatives>();
        services.TryAddSingleton<RequestRepository>();
        services.TryAddSingleton<DraftStore>();
        services.TryAddSingleton<RequestNotifier>();
        services.TryAddSingleton<RequestWorkflow>();

        services.AddSingleton<IDialog, ItRequestDialog>();
        services.AddSingleton<IDialog, RequestStatusDialog>();
        services.AddSingleton<IDialog, RequestQueueDialog>();
        services.AddSingleton<IDialog, TriageActionDialog>();
        services.AddSingleton<IDialog, TriageFormDialog>();
        services.AddSingleton<IDialog, InfoAnswerDialog>();
        return services;
    }
}
