using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using OneStop.Domain;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Tests.Infrastructure;

/// <summary>
/// A small center on a real, migrated SQLite file (or its own PostgreSQL database when the suite runs on PostgreSQL,
/// <see cref="TestDatabase"/>): one postal-covered department (SNV) with a
/// five-step procedure of 5 working days, its people, and a second department (STP) to test
/// that people of one department cannot act on another's dossiers.
/// </summary>
public sealed class WorkflowFixture : IDisposable
{
    /// <summary>Monday 23 November 2026, 09:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    public FixedTimeProvider Clock { get; } = new(Monday9);
    public IDbContextFactory<OneStopDbContext> Contexts { get; }
    public CenterCalendarProvider Calendars { get; }
    public RecordingSink Changes { get; } = new();
    public DossierWorkflow Workflow { get; }
    /// <summary>The fixture's SQLite file, for a host of the real jobs over the same data (OneStop.Tests/Jobs).</summary>
    public string DatabaseFile => _folder.File("workflow.db");
    /// <summary>The connection string of the fixture's database, whichever the provider.</summary>
    public string ConnectionString { get; }
    public string Folder => _folder.Path;

    public const int Snv = 1, Stp = 2, ProcedureId = 10, PostOnlyProcedureId = 11;
    public const int Postal1 = 100, Postal2 = 101, Officer1 = 200, Officer2 = 201, Leader1 = 202, OtherOfficer = 300, Director = 400, Supervisor = 500;

    public WorkflowFixture()
    {
        if (TestDatabase.PostgreSql)
        {
            ConnectionString = TestDatabase.CreatePostgreSqlDatabase("workflow");
            Contexts = OneStopDatabase.PostgreSqlContexts(ConnectionString);
        }
        else
        {
            ConnectionString = $"Data Source={DatabaseFile}";
            Contexts = new PooledDbContextFactory<OneStopDbContext>(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(ConnectionString).Options);
        }
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
            Seed(db);
            OneStopSql.ResyncKeysAsync(db).GetAwaiter().GetResult(); // the seed gives its own ids
        }
        Calendars = new CenterCalendarProvider(Contexts, Options.Create(new CenterOptions()));
        Workflow = new DossierWorkflow(Contexts, Calendars, Clock, Changes);
    }

    private static void Seed(OneStopDbContext db)
    {
        db.Departments.AddRange(
            new Department { Id = Snv, Code = "SNV", Name = "Sở Nội vụ", PostalCovered = true },
            new Department { Id = Stp, Code = "STP", Name = "Sở Tư pháp" });
        db.Fields.AddRange(new Field { Id = 1, DepartmentId = Snv, Code = "TDKT", Name = "Thi đua, khen thưởng" },
                           new Field { Id = 2, DepartmentId = Stp, Code = "HT", Name = "Hộ tịch" });
        db.Procedures.Add(new Procedure
        {
            Id = ProcedureId, Code = "SNV-01", Name = "Tặng Bằng khen của Chủ tịch UBND tỉnh", DepartmentId = Snv, FieldId = 1,
            StatutoryAmount = 5, StatutoryUnit = TimeUnit.WorkingDays, RequiredPapers = "Tờ trình\nBáo cáo thành tích",
            Steps =
            [
                new ProcedureStep { Order = 1, Name = "Tiếp nhận, số hóa", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.1 },
                new ProcedureStep { Order = 2, Name = "Thẩm định", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.5 },
                new ProcedureStep { Order = 3, Name = "Lấy ý kiến", Kind = StepKind.InterAgency, Role = StaffRole.DepartmentOfficer, Share = 0.1, Agency = "Ban Thi đua - Khen thưởng" },
                new ProcedureStep { Order = 4, Name = "Lãnh đạo duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
                new ProcedureStep { Order = 5, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
            ],
        });
        db.Procedures.Add(new Procedure
        {
            Id = PostOnlyProcedureId, Code = "SNV-02", Name = "Thủ tục không trả qua bưu chính", DepartmentId = Snv, FieldId = 1,
            StatutoryAmount = 4, StatutoryUnit = TimeUnit.WorkingHours, ResultByPost = false, AllowedChannels = Channels.Counter,
            Steps =
            [
                new ProcedureStep { Order = 1, Name = "Tiếp nhận", Kind = StepKind.Reception, Role = StaffRole.PostalStaff, Share = 0.2 },
                new ProcedureStep { Order = 2, Name = "Xử lý", Kind = StepKind.Processing, Role = StaffRole.DepartmentOfficer, Share = 0.5 },
                new ProcedureStep { Order = 3, Name = "Duyệt", Kind = StepKind.Approval, Role = StaffRole.DepartmentLeader, Share = 0.2 },
                new ProcedureStep { Order = 4, Name = "Trả kết quả", Kind = StepKind.Return, Role = StaffRole.PostalStaff, Share = 0.1 },
            ],
        });
        db.Staff.AddRange(
            new Staff { Id = Postal1, UserName = "postal1", FullName = "Nguyễn Thị Hoa", Role = StaffRole.PostalStaff },
            new Staff { Id = Postal2, UserName = "postal2", FullName = "Trần Văn Nam", Role = StaffRole.PostalStaff },
            new Staff { Id = Officer1, UserName = "officer1", FullName = "Lê Minh Tuấn", Role = StaffRole.DepartmentOfficer, DepartmentId = Snv },
            new Staff { Id = Officer2, UserName = "officer2", FullName = "Phạm Thu Hà", Role = StaffRole.DepartmentOfficer, DepartmentId = Snv },
            new Staff { Id = Leader1, UserName = "leader1", FullName = "Hoàng Văn Dũng", Role = StaffRole.DepartmentLeader, DepartmentId = Snv },
            new Staff { Id = OtherOfficer, UserName = "stp.cv1", FullName = "Võ Thị Lan", Role = StaffRole.DepartmentOfficer, DepartmentId = Stp },
            new Staff { Id = Director, UserName = "director", FullName = "Đặng Quốc Bảo", Role = StaffRole.Director },
            new Staff { Id = Supervisor, UserName = "supervisor", FullName = "Phan Thanh Hải", Role = StaffRole.PostalSupervisor });
        db.StaffCoverage.Add(new StaffCoverage { StaffId = Postal1, DepartmentId = Snv });
        db.SaveChanges();
    }

    public static IntakeRequest ValidIntake(int procedureId = ProcedureId, ResultDelivery delivery = ResultDelivery.Counter) => new()
    {
        ProcedureId = procedureId,
        Channel = Channel.Counter,
        ResultDelivery = delivery,
        ApplicantName = "Nguyễn Văn An",
        ApplicantPhone = "0912 345 678",
        ApplicantIdNumber = "045090001234",
        ApplicantAddress = "12 Lê Duẩn, Đông Hà, Quảng Trị",
        ResultPostalAddress = delivery == ResultDelivery.Post ? "12 Lê Duẩn, Đông Hà, Quảng Trị" : null,
    };

    public OneStopDbContext Db() => Contexts.CreateDbContext();

    public void Dispose()
    {
        if (TestDatabase.PostgreSql) TestDatabase.DropPostgreSqlDatabase(ConnectionString);
        _folder.Dispose();
    }

    public sealed class RecordingSink : IDossierChangeSink
    {
        public List<DossierChange> Published { get; } = new();
        public void Publish(DossierChange change) { lock (Published) Published.Add(change); }
    }
}
