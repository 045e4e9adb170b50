namespace OneStop.Domain.Catalog;

/// <summary>A department (sở, ban, ngành) whose procedures the center receives.</summary>
public sealed class Department
{
    public int Id { get; set; }
    /// <summary>Short stable code used in URLs and dossier codes, e.g. "SNV".</summary>
    public required string Code { get; set; }
    /// <summary>Vietnamese name, e.g. "Sở Nội vụ".</summary>
    public required string Name { get; set; }
    /// <summary>True when postal public-service staff receive and return for this department.</summary>
    public bool PostalCovered { get; set; }
    public int SortOrder { get; set; }

    public List<Field> Fields { get; set; } = new();
}

/// <summary>A field (lĩnh vực): a grouping of procedures within a department.</summary>
public sealed class Field
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}
