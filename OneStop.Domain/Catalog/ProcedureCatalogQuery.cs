using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Catalog;

/// <summary>A department the signed-in staff member may receive for.</summary>
/// <param name="CoveredByPostal">True when an active postal staff member covers it (then its own officers do not receive).</param>
public sealed record DepartmentOption(int Id, string Code, string Name, bool CoveredByPostal);

/// <summary>One line of the procedure catalogue, enough to list and search it.</summary>
public sealed record ProcedureSummary(int Id, string Code, string Name, string FieldName, int StatutoryAmount, TimeUnit StatutoryUnit)
{
    /// <summary>Code and name folded for accent-insensitive search (see <see cref="ProcedureCatalogQuery.Fold"/>).</summary>
    internal string SearchText { get; init; } = "";
}

/// <summary>
/// Read-only questions about the catalogue that the counter asks: which departments may I receive for,
/// which procedures does a department have (searchable without accents), and what does one procedure need.
/// </summary>
public sealed class ProcedureCatalogQuery(IDbContextFactory<OneStopDbContext> contexts)
{
    /// <summary>
    /// Postal staff: the departments they cover. A department officer: their own department.
    /// Anyone else receives for no department.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsForAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Active, ct);
        if (staff is null) return [];

        IQueryable<Department> departments = staff.Role switch
        {
            StaffRole.PostalStaff => db.StaffCoverage.Where(c => c.StaffId == staffId).Select(c => c.Department!),
            StaffRole.DepartmentOfficer when staff.DepartmentId is { } own => db.Departments.Where(d => d.Id == own),
            _ => db.Departments.Where(d => false),
        };
        return await departments
            .OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Code, d.Name,
                db.StaffCoverage.Any(c => c.DepartmentId == d.Id && c.Staff!.Active)))
            .ToListAsync(ct);
    }

    /// <summary>All procedures of a department, ordered by code.</summary>
    public async Task<IReadOnlyList<ProcedureSummary>> ProceduresOfAsync(int departmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Procedures.AsNoTracking()
            .Where(p => p.DepartmentId == departmentId)
            .Select(p => new { p.Id, p.Code, p.Name, Field = p.Field!.Name, p.StatutoryAmount, p.StatutoryUnit })
            .ToListAsync(ct);
        return rows
            .Select(p => new ProcedureSummary(p.Id, p.Code, p.Name, p.Field, p.StatutoryAmount, p.StatutoryUnit)
            {
                SearchText = Fold(p.Code + " " + p.Name + " " + p.Field),
            })
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The procedures of a department whose code, name or field contain every word of <paramref name="search"/>, accents ignored.</summary>
    public async Task<IReadOnlyList<ProcedureSummary>> SearchAsync(int departmentId, string? search, CancellationToken ct = default) =>
        Filter(await ProceduresOfAsync(departmentId, ct), search);

    /// <summary>In-memory search over a department's list: every word must occur in the code, name or field ("giay phep" finds "Giấy phép").</summary>
    public static IReadOnlyList<ProcedureSummary> Filter(IReadOnlyList<ProcedureSummary> procedures, string? search)
    {
        var words = Fold(search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return procedures;
        return procedures.Where(p =>
        {
            var text = p.SearchText.Length > 0 ? p.SearchText : Fold(p.Code + " " + p.Name + " " + p.FieldName);
            return words.All(w => text.Contains(w, StringComparison.Ordinal));
        }).ToList();
    }

    /// <summary>One procedure with its department, field and ordered steps; null when unknown.</summary>
    public async Task<Procedure?> ProcedureAsync(int procedureId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var procedure = await db.Procedures.AsNoTracking()
            .Include(p => p.Department).Include(p => p.Field).Include(p => p.Steps)
            .FirstOrDefaultAsync(p => p.Id == procedureId, ct);
        procedure?.Steps.Sort((a, b) => a.Order.CompareTo(b.Order));
        return procedure;
    }

    /// <summary>The required papers of a procedure, one per non-empty line, trimmed.</summary>
    public static IReadOnlyList<string> Papers(Procedure procedure) =>
        procedure.RequiredPapers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Lower case without Vietnamese diacritics, đ as d, runs of white space and punctuation as one space:
    /// "Cấp GIẤY PHÉP (đổi)" → "cap giay phep doi".
    /// </summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            var c = ch switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(ch) };
            if (char.IsLetterOrDigit(c) || c == '-')
            {
                sb.Append(c);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        return sb.ToString().TrimEnd();
    }
}
