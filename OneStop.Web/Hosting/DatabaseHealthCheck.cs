using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneStop.Domain.Persistence;

namespace OneStop.Web.Hosting;

/// <summary>Healthy when the SQLite database answers a trivial query (STACK.md: the EF package check breaks EF 6).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<OneStopDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", e);
        }
    }
}
