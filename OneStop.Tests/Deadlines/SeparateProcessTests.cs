using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneStop.Domain;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Persistence;
using OneStop.Jobs;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Deadlines;

/// <summary>
/// The jobs in a separate process: a web node with OneStop:Jobs:Enabled=false writes "run now" to the shared store;
/// the jobs host (enabled) runs it. Two hosts with their own containers and Hangfire storages stand for the two processes.
/// </summary>
public sealed class SeparateProcessTests
{
    private static IHost Build(TempFolder folder, bool enabled)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder.Path, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OneStop"] = "Data Source=onestop.db",
            ["OneStop:Demo:Enabled"] = "false",
            ["OneStop:Jobs:Enabled"] = enabled ? "true" : "false",
            ["OneStop:Jobs:CatchUpOnStart"] = "false",
            ["OneStop:Jobs:QueuePollSeconds"] = "0.2",
        });
        var cs = DatabasePath.Resolve("Data Source=onestop.db", folder.Path);
        builder.Services.AddOneStopDomain(builder.Configuration, cs);
        builder.Services.AddOneStopJobs(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task A_web_node_without_the_scheduler_asks_and_the_jobs_process_runs()
    {
        using var folder = new TempFolder();
        using var web = Build(folder, enabled: false);
        await using (var db = web.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContext())
            await db.Database.MigrateAsync();
        using var jobs = Build(folder, enabled: true);
        await jobs.StartAsync();
        await web.StartAsync();
        try
        {
            var page = web.Services.GetRequiredService<OneStop.Jobs.JobsPage>();
            Assert.False(page.SchedulerRunsHere);
            var listed = await page.ListAsync();
            Assert.Equal(OneStop.Jobs.JobCatalog.All.Count, listed.Count);
            Assert.All(listed, j => Assert.NotNull(j.NextFire));

            await page.RunNowAsync(DailyDigestJob.JobName);
            JobRun? run = null;
            for (var i = 0; i < 100 && run?.FinishedAt is null; i++)
            {
                await Task.Delay(200);
                await using var db = web.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContext();
                run = await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.JobName == DailyDigestJob.JobName);
            }
            Assert.NotNull(run);
            Assert.Equal("manual", run.Trigger);
            Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        }
        finally
        {
            await web.StopAsync();
            await jobs.StopAsync();
        }
    }
}
