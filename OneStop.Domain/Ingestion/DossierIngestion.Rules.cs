using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Ingestion;

public sealed partial class DossierIngestion
{
    // ───────────────────────────── field rules ─────────────────────────────

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _map = new();
        public void Add(string field, string message)
        {
            if (!_map.TryGetValue(field, out var list)) _map[field] = list = new();
            list.Add(message);
        }
        public bool Has(string field) => _map.ContainsKey(field);
        public void ThrowIfAny(IngestionFailure failure = IngestionFailure.Invalid)
        {
            if (_map.Count == 0) return;
            throw new IngestionException(failure, _map.ToDictionary(x => x.Key, x => x.Value.ToArray()),
                failure == IngestionFailure.Invalid ? "Dữ liệu không hợp lệ" : "Không thực hiện được");
        }
    }

    private static T? Parse<T>(Errors errors, string field, string label, string? value, IReadOnlyDictionary<string, T> allowed) where T : struct
    {
        if (string.IsNullOrWhiteSpace(value)) { errors.Add(field, $"{label}: bắt buộc, một trong {WireNames.List(allowed.Keys)}."); return null; }
        if (allowed.TryGetValue(value.Trim(), out var v)) return v;
        errors.Add(field, $"{label}: phải là một trong {WireNames.List(allowed.Keys)}.");
        return null;
    }

    private DateTime? Instant(Errors errors, string field, string label, string? value, bool required, bool future = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, $"{label}: bắt buộc; " + WireNames.InstantRule);
            return null;
        }
        if (!WireNames.TryParseInstant(value, out var parsed)) { errors.Add(field, $"{label}: " + WireNames.InstantRule); return null; }
        var utc = parsed.UtcDateTime;
        if (utc < Earliest) { errors.Add(field, $"{label}: không trước năm 2000."); return null; }
        if (!future && utc > Now + ClockSkew) { errors.Add(field, $"{label}: không được ở tương lai (bây giờ là {WireNames.Format(Now)})."); return null; }
        if (future && utc > Now.AddYears(5)) { errors.Add(field, $"{label}: không quá 5 năm kể từ bây giờ."); return null; }
        return utc;
    }

    private static async Task<int?> StaffAsync(OneStopDbContext db, Errors errors, string field, string label, string? userName, bool required, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            if (required) errors.Add(field, $"{label}: bắt buộc, tên đăng nhập của cán bộ.");
            return null;
        }
        var name = userName.Trim();
        var id = name.Length > 64 ? null : await db.Staff.AsNoTracking().Where(s => s.UserName == name && s.Active).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (id is null) errors.Add(field, $"{label}: không có cán bộ đang hoạt động với tên đăng nhập này.");
        return id;
    }

    private static IngestionException Map(DossierValidationException e, IReadOnlyDictionary<string, string> fields) =>
        new(IngestionFailure.Invalid, e.Errors.ToDictionary(x => fields.GetValueOrDefault(x.Key, x.Key), x => new[] { x.Value }), "Dữ liệu không hợp lệ");

    /// <summary>
    /// A limited key names only people of its departments: their officers and leaders, and the postal staff who cover
    /// one of them. Anyone else (another department's officer, the director) is refused with the field named.
    /// </summary>
    private static async Task RequireWithinAsync(OneStopDbContext db, IngestionScope scope, string field, string label, int staffId,
        string userName, CancellationToken ct)
    {
        if (scope.Departments is not { } departments) return;
        var within = await db.Staff.AnyAsync(s => s.Id == staffId && s.DepartmentId != null && departments.Contains(s.DepartmentId.Value), ct)
                     || await db.StaffCoverage.AnyAsync(c => c.StaffId == staffId && departments.Contains(c.DepartmentId), ct);
        if (!within) throw Forbidden(field, $"{label}: «{userName.Trim()}» không thuộc đơn vị nào của khóa API này.");
    }

    private static IngestionException Forbidden(string field, string message) =>
        new(IngestionFailure.Forbidden, new Dictionary<string, string[]> { [field] = [message] }, "Ngoài phạm vi của khóa API");

    private static IngestionException Conflict(string field, string message) =>
        new(IngestionFailure.Conflict, new Dictionary<string, string[]> { [field] = [message] }, "Không thực hiện được");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")] private static partial Regex CodePattern();
}
