using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OneStop.Domain.Persistence.PostgreSql;

/// <summary>
/// OneStop's model on PostgreSQL. The same entities and configuration as <see cref="OneStopDbContext"/> (nothing is
/// overridden); a type of its own only so that EF keeps PostgreSQL's migrations (Persistence/PostgreSql/Migrations)
/// apart from SQLite's, as EF's guide to several providers does it. Everything else asks for
/// <c>IDbContextFactory&lt;OneStopDbContext&gt;</c> and gets one of these when the provider is PostgreSQL.
/// </summary>
public sealed class PostgreSqlOneStopDbContext(DbContextOptions<PostgreSqlOneStopDbContext> options) : OneStopDbContext(options)
{
    /// <summary>The process's PostgreSQL model (see <see cref="OneStopDbContext.SharedModel"/> for why it is shared).</summary>
    public static IModel PostgreSqlModel => LazyModel.Value;

    private static readonly Lazy<IModel> LazyModel = new(() =>
    {
        // Building the model needs the provider, not a server: nothing connects here.
        using var db = new PostgreSqlOneStopDbContext(new DbContextOptionsBuilder<PostgreSqlOneStopDbContext>()
            .UseNpgsql("Host=localhost").Options);
        return db.Model;
    });
}

/// <summary>Lets `dotnet ef migrations add … --context PostgreSqlOneStopDbContext` build the context without a server.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOneStopDbContext>
{
    public PostgreSqlOneStopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlOneStopDbContext>().UseNpgsql("Host=localhost;Database=onestop_design").Options);
}
