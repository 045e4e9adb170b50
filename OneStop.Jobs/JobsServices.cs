using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace OneStop.Jobs;

public static class JobsServices
{
    /// <summary>
    /// Hosts the Quartz scheduler inside the web app. The deadline jobs and their persistent
    /// store arrive with the deadline-engine issue; the scheduler is wired now so they only add
    /// schedules. OneStop:Jobs:Enabled=false leaves the scheduler out (e.g. a second web node).
    /// </summary>
    public static IServiceCollection AddOneStopJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("OneStop:Jobs:Enabled", true)) return services;
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
