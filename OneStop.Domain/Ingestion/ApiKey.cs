namespace OneStop.Domain.Ingestion;

/// <summary>What a key may do on /api/v1: read dossiers, write (ingest, import), or both.</summary>
[Flags]
public enum ApiScopes { None = 0, Read = 1, Write = 2 }

/// <summary>
/// A key the provincial one-stop system (or a script) sends as X-Api-Key. Only the SHA-256 of the secret is stored:
/// whoever reads the database cannot call the API. The prefix is the part shown to people to tell keys apart.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>"os_" and 8 hex digits: the key's first characters, unique, shown in the list.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key as sent.</summary>
    public required string SecretHash { get; set; }
    public ApiScopes Scopes { get; set; }
    public int? CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    /// <summary>
    /// The departments the key may read and write, as ids separated by commas ("1,3"); null for every department.
    /// A district's or a department's own system gets a key limited to its departments.
    /// </summary>
    public string? DepartmentIds { get; set; }

    public bool Active => RevokedAt is null;

    /// <summary><see cref="DepartmentIds"/> as a set; null when the key is not limited.</summary>
    public IReadOnlySet<int>? Departments =>
        DepartmentIds is null ? null : DepartmentIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToHashSet();
}

/// <summary>What an API call may touch: the key's departments, or everything (<see cref="Everything"/>).</summary>
public sealed record IngestionScope(IReadOnlySet<int>? Departments)
{
    public static readonly IngestionScope Everything = new((IReadOnlySet<int>?)null);
    public bool Allows(int departmentId) => Departments is null || Departments.Contains(departmentId);
}

/// <summary>
/// A lifecycle event already taken from the provincial system (its dossier, type and instant): the unique index
/// makes a message sent twice count once, even when both copies arrive at the same moment. Written in the same
/// transaction as the change it caused.
/// </summary>
public sealed class ExternalEventKey
{
    public long Id { get; set; }
    public long DossierId { get; set; }
    /// <summary>The wire name, e.g. "handover".</summary>
    public required string Type { get; set; }
    public DateTime At { get; set; }
    public long DossierEventId { get; set; }
    public Dossiers.DossierEvent? Event { get; set; }
}
