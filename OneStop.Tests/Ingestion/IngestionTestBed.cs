using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Ingestion;
using OneStop.Domain.Staffing;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Ingestion;

/// <summary>
/// The real app (Kestrel, real SQLite file, clock at Wednesday 18/11/2026 09:00 in Vietnam) with a small catalogue of
/// its own and the deadline jobs off, so nothing writes to the database unless a test asks: "unchanged" can then
/// mean the same bytes.
/// </summary>
public sealed class IngestionTestBed : IAsyncLifetime
{
    public const int Snv = 1, Stp = 2;
    public const string Procedure = "SNV-01", CounterOnlyProcedure = "SNV-02", OtherDepartmentProcedure = "STP-01";
    public const string Password = "ingest-test";

    public OneStopApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new OneStopApp(demo: false, settings: new Dictionary<string, string> { ["OneStop:Jobs:Enabled"] = "false" });
        await using var db = App.CreateDb();
        db.Departments.AddRange(
            new Department { Id = Snv, Code = "SNV", Name = "Sở Nội vụ", PostalCovered = true },
            new Department { Id = Stp, Code = "STP", Name = "Sở Tư pháp", PostalCovered = true });
        db.Fields.AddRange(
            new Field { Id = 1, DepartmentId = Snv, Code = "TDKT", Name = "Thi đua, khen thưởng" },
            new Field { Id = 2, DepartmentId = Stp, Code = "HT", Name = "Hộ tịch" });
        db.Procedures.AddRange(
            new Procedure { Id = 10, Code = Procedure, Name = "Tặng Bằng khen của Chủ tịch UBND tỉnh", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 5, StatutoryUnit = TimeUnit.WorkingDays, Steps = Steps() },
            new Procedure { Id = 11, Code = CounterOnlyProcedure, Name = "Thẩm định hồ sơ tổ chức hội", DepartmentId = Snv, FieldId = 1,
                StatutoryAmount = 10, StatutoryUnit = TimeUnit.WorkingDays, AllowedChannels = Channels.Counter, ResultByPost = false, Steps = Steps() },
            new Procedure { Id = 20, Code = OtherDepartmentProcedure, Name = "Cấp Phiếu lý lịch tư pháp", DepartmentId = Stp, FieldId = 2,
                StatutoryAmount = 10, StatutoryUnit = TimeUnit.WorkingDays, Steps = Steps() });
        Staff Person(int id, string user, string name, StaffRole role, int? department = null)
        {
            var s = new Staff { Id = id, UserName = user, FullName = name, Role = role, DepartmentId = department };
            s.PasswordHash = StaffAuthenticator.Hash(s, Password);
            return s;
        }
        db.Staff.AddRange(
            Person(100, "postal1", "Nguyễn Thị Hoa", StaffRole.PostalStaff),
            Person(200, "officer1", "Lê Văn Tâm", StaffRole.DepartmentOfficer, Snv),
            Person(300, "leader1", "Phạm Minh Đức", StaffRole.DepartmentLeader, Snv),
            Person(400, "director", "Đặng Quốc Bảo", StaffRole.Director),
            Person(500, "admin", "Quản trị", StaffRole.Admin));
        db.StaffCoverage.AddRange(new StaffCoverage { StaffId = 100, DepartmentId = Snv }, new StaffCoverage { StaffId = 100, DepartmentId = Stp });
        await db.SaveChangesAsync();
    }

    private static List<ProcedureStep> Steps() =>
    [
        new() { Order = 1, Name = "Tiếp nhận, số hóa", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
        new() { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.6 },
        new() { Order = 3, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
        new() { Order = 4, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
    ];

    public async Task<string> NewKeyAsync(ApiScopes scopes, string name = "Hệ thống một cửa tỉnh", params int[] departments) =>
        (await App.Services.GetRequiredService<ApiKeyStore>().CreateAsync(name, scopes, 500, "Quản trị", departments: departments)).Secret;

    /// <summary>An HTTP client that sends <paramref name="key"/> as X-Api-Key (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = App.BaseAddress };
        if (key is not null) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>SHA-256 of the database file once the write-ahead log is folded into it.</summary>
    public string DatabaseHash()
    {
        using (var connection = new SqliteConnection($"Data Source={App.DatabaseFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        using var file = new FileStream(App.DatabaseFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexString(SHA256.HashData(file));
    }

    public async Task<(int Dossiers, int Events)> CountsAsync()
    {
        await using var db = App.CreateDb();
        return (await db.Dossiers.CountAsync(), await db.DossierEvents.CountAsync());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
