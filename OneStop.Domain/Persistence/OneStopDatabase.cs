using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence.PostgreSql;

namespace OneStop.Domain.Persistence;

/// <summary>Where OneStop keeps its data: <c>OneStop:Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app (the default: one center on one machine).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server shared by several web nodes.</summary>
    PostgreSql,
}

/// <summary>Chooses the provider from configuration and registers the one context factory everything else uses.</summary>
public static class OneStopDatabase
{
    public const string ProviderKey = "OneStop:Database:Provider";
    public const string DefaultSqlite = "Data Source=data/onestop.db";

    /// <summary>The configured provider; a value that is neither stops the start naming the key and the choices.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration)
    {
        var text = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(text)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(text.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"{ProviderKey} = \"{text}\": must be {nameof(DatabaseProvider.Sqlite)} or {nameof(DatabaseProvider.PostgreSql)}.");
    }

    /// <summary>
    /// Registers <c>IDbContextFactory&lt;OneStopDbContext&gt;</c> (and a scoped context, for the health check) on the
    /// provider. On PostgreSQL the factory hands out <see cref="PostgreSqlOneStopDbContext"/>, whose migrations are
    /// PostgreSQL's own.
    /// </summary>
    public static void Register(IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextFactory<OneStopDbContext>(o => o.UseSqlite(connectionString).UseModel(OneStopDbContext.SharedModel));
            return;
        }
        services.AddDbContextFactory<PostgreSqlOneStopDbContext>(o => ConfigurePostgreSql(o, connectionString));
        services.AddSingleton<IDbContextFactory<OneStopDbContext>>(sp =>
            new Upcast(sp.GetRequiredService<IDbContextFactory<PostgreSqlOneStopDbContext>>()));
        services.AddScoped<OneStopDbContext>(sp => sp.GetRequiredService<PostgreSqlOneStopDbContext>());
    }

    public static DbContextOptionsBuilder ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseModel(PostgreSqlOneStopDbContext.PostgreSqlModel)
            .AddInterceptors(GivenKeys);

    // Stateless between saves (per-context state lives in a weak table), so one instance serves every context.
    private static readonly SequencesFollowGivenKeys GivenKeys = new();

    /// <summary>A factory of the PostgreSQL context for PostgreSQL-only code (tests, the copy command).</summary>
    public static IDbContextFactory<OneStopDbContext> PostgreSqlContexts(string connectionString) =>
        new Upcast(new PooledDbContextFactory<PostgreSqlOneStopDbContext>(
            (DbContextOptions<PostgreSqlOneStopDbContext>)ConfigurePostgreSql(
                new DbContextOptionsBuilder<PostgreSqlOneStopDbContext>(), connectionString).Options));

    private sealed class Upcast(IDbContextFactory<PostgreSqlOneStopDbContext> inner) : IDbContextFactory<OneStopDbContext>
    {
        public OneStopDbContext CreateDbContext() => inner.CreateDbContext();
        public async Task<OneStopDbContext> CreateDbContextAsync(CancellationToken ct = default) => await inner.CreateDbContextAsync(ct);
    }
}
