using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OneStop.Domain.Persistence.PostgreSql;

/// <summary>
/// Makes PostgreSQL's identity sequences behave like SQLite's AUTOINCREMENT when a row is saved with its key given
/// (a seed, a fixture, a copied center): after such a save, the table's sequence moves past the largest key, so the
/// next row the database numbers does not collide with it. Saves that let the database number their rows (every
/// screen, the API, the jobs) only pay a look at the added entries' keys.
/// </summary>
public sealed class SequencesFollowGivenKeys : SaveChangesInterceptor
{
    // Per context: the tables whose rows came with their own keys in the save under way.
    private readonly ConditionalWeakTable<DbContext, HashSet<IEntityType>> _given = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Remember(eventData.Context);
        return base.SavingChangesAsync(eventData, result, ct);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (Take(eventData.Context) is var (db, types)) await OneStopSql.ResyncKeysAsync(db, types, ct);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is var (db, types)) OneStopSql.ResyncKeysAsync(db, types).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _given.Remove(eventData.Context!);

    /// <summary>The tables of the save that just finished whose keys were given, forgotten as they are handed out.</summary>
    private (OneStopDbContext, HashSet<IEntityType>)? Take(DbContext? context)
    {
        if (context is not OneStopDbContext db || !_given.TryGetValue(db, out var types)) return null;
        _given.Remove(db);
        return (db, types);
    }

    private void Remember(DbContext? context)
    {
        if (context is null) return;
        HashSet<IEntityType>? types = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added
                || entry.Metadata.FindPrimaryKey() is not { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key]}) continue;
            if (entry.Property(key.Name).IsTemporary) continue; // the database numbers it
            (types ??= []).Add(entry.Metadata);
        }
        if (types is null) _given.Remove(context);
        else _given.AddOrUpdate(context, types);
    }
}
