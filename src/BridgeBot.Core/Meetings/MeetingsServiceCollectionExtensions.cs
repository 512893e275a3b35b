namespace BridgeBot.Core.Meetings;

using BridgeBot.Core.Dialogs;
using BridgeBot.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

/// <summary>Registers meeting coverage.</summary>
public static class MeetingsServiceCollectionExtensions
{
    /// <summary>
    /// Adds tracking, rotation, nudges, the schedule (in-memory unless a store was registered before) and the meeting
    /// dialogs. <see cref="MeetingsOptions"/> must be registered as a singleton by the caller (the host binds it).
    /// </summary>
    public static IServiceCollection AddBridgeBotMeetings(this IServiceCollection services)
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
