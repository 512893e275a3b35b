namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.ItTeam;
using BridgeBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

/// <summary>Registers meeting coverage.</summary>
public static class MeetingsServiceCollectionExtensions
{
    /// <summary>
    /// Adds meeting coverage: options (section <c>Meetings</c>, checked at start), the IT team roster (section
    /// <c>ItTeam</c>), tracking, rotation, nudges, the schedule (in-memory unless a store was registered before), the
    /// meeting dialogs and the timers that send nudges, reconcile the week and recompute the coverage gauges.
    /// </summary>
    public static IServiceCollection AddBridgeBotMeetings(this IServiceCollection services)
    {
        services.AddOptions<MeetingsOptions>().BindConfiguration(MeetingsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MeetingsOptions>, MeetingsOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MeetingsOptions>>().Value);
        services.AddBridgeBotItTeam();
        services.AddMeetingCoverage();
        services.AddHostedService<NudgeSchedulerService>();
        services.AddHostedService<MeetingReconcileService>();
        services.AddHostedService<CoverageMetricsService>();
        return services;
    }

    private static IServiceCollection AddMeetingCoverage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduleStore, InMemoryScheduleStore>();
        services.TryAddSingleton<IMeetingCalendar, NoCalendarAccess>();
        services.TryAddSingleton<ITeamsAppInstaller, NoAppInstaller>();
        services.TryAddSingleton<IPeopleDirectory, NoPeopleDirectory>();
        services.TryAddSingleton<IAttendanceReports, NoAttendanceReports>();
        services.TryAddSingleton<ISlackPeople, NoSlackPeople>();
        services.TryAddSingleton<IMarketingRoster, ConfiguredMarketingRoster>();
        services.AddSingleton<PeopleMatcher>();
        services.AddSingleton<CoverageLedger>();

        // The coverage audience reads the IT representatives and leaders of the requests and priorities settings.
        services.AddOptions();
        services.TryAddSingleton<Requests.ItRepresentatives>();
        services.TryAddSingleton<Priorities.LeadershipGroup>();
        services.TryAddSingleton<CoverageAudience>();
        services.AddSingleton<MeetingRepository>();
        services.AddSingleton<RotationPlanner>();
        services.AddSingleton<MeetingTracker>();
        services.AddSingleton<MeetingNotifier>();
        services.AddSingleton<IScheduledWorkHandler, MeetingNudgeHandler>();
        services.AddSingleton<ScheduleDispatcher>();
        services.AddSingleton<IDialog, OrganizerNudgeDialog>();
        services.AddSingleton<IDialog, RepresentativeDialog>();
        services.AddSingleton<IDialog, MeetingAttendanceDialog>();
        services.AddSingleton<IDialog, CoverageDialog>();
        services.AddSingleton<IDialog, WaiverReviewDialog>();
        services.AddSingleton<IDialog, EscalationDialog>();
        services.AddSingleton<IDialog, CaptureRequirementsDialog>();
        return services;
    }
}
