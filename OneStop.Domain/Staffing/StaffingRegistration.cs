using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Domain.Staffing;

public static class StaffingRegistration
{
    /// <summary>Staff load balancing (/staffing): the snapshot, the planning and hand-over planner queries, the commands and their signal.</summary>
    public static IServiceCollection AddStaffingBalancing(this IServiceCollection services)
    {
        services.AddSingleton<StaffingSignal>();
        services.AddSingleton<StaffingQuery>();
        services.AddSingleton<Planning.PlanningQuery>();
        services.AddSingleton<Planning.Handover.HandoverPlanQuery>();
        services.AddSingleton<StaffingService>();
        return services;
    }
}
