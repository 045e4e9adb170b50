using System.Globalization;
using System.Text;
using OneStop.Domain.Catalog;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>
/// The demo catalog of the Quảng Trị provincial Public Administrative Service Center: the 17 departments of
/// seed 000, their fields and procedures with steps, the people who use OneStop and which departments the
/// postal staff cover. Every Id is explicit and stable. <see cref="Create"/> builds fresh objects each call
/// (entity objects are mutable and an EF context tracks them).
/// </summary>
/// <remarks>
/// Ids: departments 1..17; fields = department × 100 + n; procedures 1..N; steps = procedure × 10 + order;
/// staff 1..7 for the center and the post office, department × 100 + n for department officers and leaders.
/// Procedure names, papers and fees are modelled on the provinces' published TTHC lists; codes imitate the
/// national database's format (…H50 is Quảng Trị) but are invented.
/// </remarks>
public static class DemoCatalog
{
    // ---- well-known Ids ------------------------------------------------------------------------

    public const int SoNoiVu = 1, SoTaiChinh = 2, SoNgoaiVu = 3, SoKhoaHocCongNghe = 4, SoYTe = 5, SoGiaoDuc = 6,
        SoThongTinTruyenThong = 7, SoVanHoa = 8, BanQuanLyKhuKinhTe = 9, SoLaoDong = 10, SoTuPhap = 11,
        SoKeHoachDauTu = 12, SoXayDung = 13, SoNongNghiep = 14, SoTaiNguyenMoiTruong = 15, SoCongThuong = 16,
        SoGiaoThong = 17;

    /// <summary>Sở Nội vụ's "Tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích đột xuất", 12 working days, the one seed 000 says is too short.</summary>
    public const int AwardProcedureId = 1;

    public const int AdminId = 1, DirectorId = 2, SupervisorId = 3, Postal1Id = 4, Postal2Id = 5, Postal3Id = 6, Postal4Id = 7;
    public const int Officer1Id = 101, Leader1Id = 102;

    /// <summary>
    /// The pilot departments whose reception and return the post office took over (seed 000). The article
    /// says "10 đơn vị" but lists eleven: Nội vụ, Tài chính, Ngoại vụ, KH&amp;CN, Y tế, GD&amp;ĐT, TT&amp;TT,
    /// VH-TT&amp;DL, Công Thương, GTVT and the Ban Quản lý Khu kinh tế. All eleven are covered here.
    /// </summary>
    public static readonly IReadOnlyList<string> PilotDepartmentCodes =
        ["SNV", "STC", "SNGV", "SKHCN", "SYT", "SGDDT", "STTTT", "SVHTTDL", "BQLKKT", "SCT", "SGTVT"];

    /// <summary>Seed 000's nine low-volume units: 10,694 dossiers in 2019-2022 together.</summary>
    public static readonly IReadOnlyList<string> LowVolumeCodes =
        ["SNV", "STC", "SNGV", "SKHCN", "SYT", "SGDDT", "STTTT", "SVHTTDL", "BQLKKT"];

    /// <summary>Seed 000's six high-volume departments: 76,364 dossiers in 2019-2022 together.</summary>
    public static readonly IReadOnlyList<string> HighVolumeCodes = ["SLDTBXH", "STP", "SKHDT", "SXD", "SNNPTNT", "STNMT"];

    /// <summary>Yearly intake targets: seed 000's three-year figures divided by 3 (GTVT is not in the article: a plausible 5,000).</summary>
    public const int LowVolumeYearly = 10_694 / 3, HighVolumeYearly = 76_364 / 3, CongThuongYearly = 36_572 / 3, GiaoThongYearly = 5_000;

    public const string ProvinceCode = "H50";

    // ---- building ------------------------------------------------------------------------------

    public static DemoCatalogData Create()
    {
        var b = new Builder();
        b.Departments();
        b.Staff();
        b.Procedures();
        return b.Build();
    }

    /// <summary>"Nguyễn Thị Thanh Hương" → "huongntt": the usual Vietnamese e-mail local part.</summary>
    public static string MailName(string fullName)
    {
        var parts = Ascii(fullName).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(parts[^1]);
        for (int i = 0; i < parts.Length - 1; i++) sb.Append(parts[i][0]);
        return sb.ToString();
    }

    /// <summary>Vietnamese text without diacritics (đ → d).</summary>
    public static string Ascii(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(ch);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private enum Flow
    {
        /// <summary>Tiếp nhận 10% → thụ lý 60% → lãnh đạo 25% → trả 5%.</summary>
        Standard,
        /// <summary>Short online procedures: tiếp nhận 5% → thụ lý 65% → lãnh đạo 25% → trả 5%.</summary>
        Quick,
        /// <summary>Another agency's part before the leader signs: 10 / 50 / liên thông 15 / 20 / 5.</summary>
        InterAgencyBefore,
        /// <summary>The department's leader submits, another agency decides (UBND tỉnh): 5 / 45 / 15 / liên thông 30 / 5.</summary>
        InterAgencyAfter,
    }

    private const Channels All = Channels.Counter | Channels.Online | Channels.Post;
    private const Channels NoPost = Channels.Counter | Channels.Online;

    private sealed class Builder
    {
        private readonly List<Department> _departments = [];
        private readonly List<Field> _fields = [];
        private readonly List<Procedure> _procedures = [];
        private readonly List<ProcedureStep> _steps = [];
        private readonly List<Staff> _staff = [];
        private readonly List<StaffCoverage> _coverage = [];
        private readonly Dictionary<int, DepartmentProfile> _deptProfiles = [];
        private readonly Dictionary<int, ProcedureProfile> _procProfiles = [];

        public DemoCatalogData Build() =>
            new(_departments, _fields, _procedures, _steps, _staff, _coverage, _deptProfiles, _procProfiles);

        private Department Dept(int id) => _departments[id - 1];

        // ---- departments and fields ----------------------------------------------------------

        public void Departments()
        {
            D(SoNoiVu, "SNV", "Sở Nội vụ", true,
                (101, "TDKT", "Thi đua, khen thưởng"), (102, "TCPCP", "Tổ chức phi chính phủ"),
                (103, "TNTG", "Tín ngưỡng, tôn giáo"), (104, "CCVC", "Công chức, viên chức"));
            D(SoTaiChinh, "STC", "Sở Tài chính", true,
                (201, "QLG", "Quản lý giá"), (202, "QLCS", "Quản lý công sản"), (203, "THTK", "Tin học và thống kê tài chính"));
            D(SoNgoaiVu, "SNGV", "Sở Ngoại vụ", true,
                (301, "LS", "Lãnh sự"), (302, "HNHT", "Hội nghị, hội thảo quốc tế"), (303, "ABTC", "Thẻ đi lại của doanh nhân APEC"));
            D(SoKhoaHocCongNghe, "SKHCN", "Sở Khoa học và Công nghệ", true,
                (401, "HDKHCN", "Hoạt động khoa học và công nghệ"), (402, "ATBX", "Năng lượng nguyên tử, an toàn bức xạ và hạt nhân"),
                (403, "TDC", "Tiêu chuẩn, đo lường, chất lượng"));
            D(SoYTe, "SYT", "Sở Y tế", true,
                (501, "KCB", "Khám bệnh, chữa bệnh"), (502, "DUOC", "Dược phẩm"),
                (503, "ATTP", "An toàn thực phẩm và dinh dưỡng"), (504, "TTB", "Trang thiết bị và công trình y tế"));
            D(SoGiaoDuc, "SGDDT", "Sở Giáo dục và Đào tạo", true,
                (601, "VBCC", "Văn bằng, chứng chỉ"), (602, "GDDT", "Giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân"),
                (603, "THI", "Thi, tuyển sinh"));
            D(SoThongTinTruyenThong, "STTTT", "Sở Thông tin và Truyền thông", true,
                (701, "BC", "Báo chí"), (702, "XBIN", "Xuất bản, in và phát hành"),
                (703, "PTTH", "Phát thanh, truyền hình và thông tin điện tử"), (704, "BCH", "Bưu chính"));
            D(SoVanHoa, "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", true,
                (801, "DL", "Du lịch"), (802, "NTBD", "Nghệ thuật biểu diễn"), (803, "TDTT", "Thể dục thể thao"), (804, "QC", "Quảng cáo"));
            D(BanQuanLyKhuKinhTe, "BQLKKT", "Ban Quản lý Khu kinh tế tỉnh", true,
                (901, "DT", "Đầu tư tại khu kinh tế, khu công nghiệp"), (902, "LD", "Lao động nước ngoài"), (903, "XD", "Xây dựng"));
            D(SoLaoDong, "SLDTBXH", "Sở Lao động - Thương binh và Xã hội", false,
                (1001, "NCC", "Người có công"), (1002, "VL", "Việc làm"), (1003, "LDTL", "Lao động, tiền lương"),
                (1004, "GDNN", "Giáo dục nghề nghiệp"));
            D(SoTuPhap, "STP", "Sở Tư pháp", false,
                (1101, "LLTP", "Lý lịch tư pháp"), (1102, "CC", "Công chứng"), (1103, "LS", "Luật sư"), (1104, "HT", "Hộ tịch"));
            D(SoKeHoachDauTu, "SKHDT", "Sở Kế hoạch và Đầu tư", false,
                (1201, "DKKD", "Thành lập và hoạt động của doanh nghiệp"), (1202, "DT", "Đầu tư tại Việt Nam"));
            D(SoXayDung, "SXD", "Sở Xây dựng", false,
                (1301, "HDXD", "Hoạt động xây dựng"), (1302, "QHKT", "Quy hoạch xây dựng, kiến trúc"),
                (1303, "NO", "Nhà ở và thị trường bất động sản"));
            D(SoNongNghiep, "SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", false,
                (1401, "TY", "Thú y"), (1402, "BVTV", "Bảo vệ thực vật"), (1403, "TS", "Thủy sản"), (1404, "LN", "Lâm nghiệp"));
            D(SoTaiNguyenMoiTruong, "STNMT", "Sở Tài nguyên và Môi trường", false,
                (1501, "DD", "Đất đai"), (1502, "MT", "Môi trường"), (1503, "TNN", "Tài nguyên nước"), (1504, "KS", "Khoáng sản"));
            D(SoCongThuong, "SCT", "Sở Công Thương", true,
                (1601, "XTTM", "Xúc tiến thương mại"), (1602, "LTHH", "Lưu thông hàng hóa trong nước"), (1603, "DIEN", "Điện"),
                (1604, "HC", "Hóa chất"));
            D(SoGiaoThong, "SGTVT", "Sở Giao thông vận tải", true,
                (1701, "DB", "Đường bộ"), (1702, "DTND", "Đường thủy nội địa"), (1703, "VT", "Vận tải"));
        }

        private void D(int id, string code, string name, bool postal, params (int Id, string Code, string Name)[] fields)
        {
            _departments.Add(new Department { Id = id, Code = code, Name = name, PostalCovered = postal, SortOrder = id });
            foreach (var f in fields)
                _fields.Add(new Field { Id = f.Id, DepartmentId = id, Code = $"{code}-{f.Code}", Name = f.Name });
        }

        // ---- staff, coverage and who does what ----------------------------------------------

        public void Staff()
        {
            S(AdminId, "admin", "Trần Quốc Bảo", StaffRole.Admin, null, "0913456120", "quantri.ttphvhcc@quangtri.gov.vn");
            S(DirectorId, "director", "Lê Thị Minh Hằng", StaffRole.Director, null, "0914222808");
            S(SupervisorId, "supervisor", "Nguyễn Văn Hòa", StaffRole.PostalSupervisor, null, "0915333626", vnpost: true);
            S(Postal1Id, "postal1", "Hoàng Thị Thu Trang", StaffRole.PostalStaff, null, "0943118275", vnpost: true);
            S(Postal2Id, "postal2", "Phan Đức Thắng", StaffRole.PostalStaff, null, "0975406913", vnpost: true);
            S(Postal3Id, "postal3", "Võ Thị Ngọc Ánh", StaffRole.PostalStaff, null, "0832770461", vnpost: true);
            S(Postal4Id, "postal4", "Đặng Minh Tuấn", StaffRole.PostalStaff, null, "0356129847", vnpost: true);

            // Four postal staff for the eleven pilot departments (seed 000), each with a main set and a backup one
            // to cover absences. Công Thương and GTVT on one person is heavy on purpose: the load screens show it.
            Cover(Postal1Id, SoNoiVu, SoTaiChinh, SoNgoaiVu);
            Cover(Postal2Id, SoKhoaHocCongNghe, SoYTe, SoGiaoDuc);
            Cover(Postal3Id, SoThongTinTruyenThong, SoVanHoa, BanQuanLyKhuKinhTe, SoNoiVu);
            Cover(Postal4Id, SoCongThuong, SoGiaoThong, SoYTe);

            // Sở Nội vụ: officer1 and leader1 are the demo sign-ins; snv.cv1 and snv.ld their colleagues.
            O(SoNoiVu, 1, "officer1", "Nguyễn Thị Thanh Hương", "0914582316");
            L(SoNoiVu, 2, "leader1", "Trần Văn Thành", "0913720455");
            O(SoNoiVu, 3, "snv.cv1", "Lê Quang Huy", "0395118742");
            L(SoNoiVu, 4, "snv.ld", "Hồ Thị Kim Oanh", "0905341267");

            O(SoTaiChinh, 1, "stc.cv1", "Phạm Thị Mỹ Linh", "0935226184");
            L(SoTaiChinh, 2, "stc.ld", "Nguyễn Hữu Phước", "0913447025");
            O(SoNgoaiVu, 1, "sngv.cv1", "Đoàn Thị Quỳnh Nga", "0778341256");
            L(SoNgoaiVu, 2, "sngv.ld", "Lê Đức Anh", "0912603398");
            O(SoKhoaHocCongNghe, 1, "skhcn.cv1", "Trương Công Minh", "0986142730");
            L(SoKhoaHocCongNghe, 2, "skhcn.ld", "Nguyễn Đăng Khoa", "0914093561");
            O(SoYTe, 1, "syt.cv1", "Võ Thị Thu Hà", "0348821567");
            O(SoYTe, 2, "syt.cv2", "Ngô Văn Phúc", "0905772134");
            L(SoYTe, 3, "syt.ld", "Bùi Thị Ngọc Lan", "0913558402");
            O(SoGiaoDuc, 1, "sgddt.cv1", "Hoàng Thị Diệu Linh", "0367425518");
            O(SoGiaoDuc, 2, "sgddt.cv2", "Trần Đình Nam", "0945613820");
            L(SoGiaoDuc, 3, "sgddt.ld", "Lê Văn Quang", "0914336790");
            O(SoThongTinTruyenThong, 1, "stttt.cv1", "Dương Minh Trí", "0822415639");
            L(SoThongTinTruyenThong, 2, "stttt.ld", "Phan Thị Hồng Vân", "0915280147");
            O(SoVanHoa, 1, "svhttdl.cv1", "Nguyễn Thị Bích Thủy", "0392746185");
            O(SoVanHoa, 2, "svhttdl.cv2", "Hà Văn Long", "0977150394");
            L(SoVanHoa, 3, "svhttdl.ld", "Trần Thị Thu Hiền", "0913812576");
            O(BanQuanLyKhuKinhTe, 1, "bqlkkt.cv1", "Lê Thị Hải Yến", "0704583216");
            L(BanQuanLyKhuKinhTe, 2, "bqlkkt.ld", "Nguyễn Đức Chính", "0914657013");

            // Departments outside the pilot keep their own counter officers (mc = một cửa).
            O(SoLaoDong, 1, "sldtbxh.mc1", "Lương Thị Hạnh", "0946238175");
            O(SoLaoDong, 2, "sldtbxh.mc2", "Đặng Thị Thanh Tâm", "0385614297");
            O(SoLaoDong, 3, "sldtbxh.cv1", "Hồ Văn Sơn", "0914572836");
            O(SoLaoDong, 4, "sldtbxh.cv2", "Nguyễn Thị Mai", "0972381645");
            O(SoLaoDong, 5, "sldtbxh.cv3", "Cao Xuân Thịnh", "0836172594");
            L(SoLaoDong, 6, "sldtbxh.ld", "Trần Ngọc Lâm", "0913265780");
            L(SoLaoDong, 7, "sldtbxh.ld2", "Võ Văn Dũng", "0905487312");
            O(SoTuPhap, 1, "stp.mc1", "Phạm Thị Thu Thảo", "0398254617");
            O(SoTuPhap, 2, "stp.mc2", "Lê Thị Ánh Tuyết", "0765218439");
            O(SoTuPhap, 3, "stp.cv1", "Nguyễn Văn Tiến", "0915736248");
            O(SoTuPhap, 4, "stp.cv2", "Hoàng Thị Lan Anh", "0947125863");
            O(SoTuPhap, 5, "stp.cv3", "Trần Quốc Việt", "0329645178");
            L(SoTuPhap, 6, "stp.ld", "Lê Minh Tuấn", "0913402689");
            L(SoTuPhap, 7, "stp.ld2", "Nguyễn Thị Xuân", "0982514730");
            O(SoKeHoachDauTu, 1, "skhdt.mc1", "Trần Thị Phương Thảo", "0354617280");
            O(SoKeHoachDauTu, 2, "skhdt.cv1", "Nguyễn Hoàng Long", "0916342758");
            O(SoKeHoachDauTu, 3, "skhdt.cv2", "Võ Thị Kim Chi", "0888361427");
            O(SoKeHoachDauTu, 4, "skhdt.cv3", "Phan Văn Hiếu", "0935782146");
            L(SoKeHoachDauTu, 5, "skhdt.ld", "Hồ Sĩ Nguyên", "0913574026");
            L(SoKeHoachDauTu, 6, "skhdt.ld2", "Lê Thị Thanh Bình", "0964237815");
            O(SoXayDung, 1, "sxd.mc1", "Ngô Thị Hoài Thương", "0376148259");
            O(SoXayDung, 2, "sxd.cv1", "Đỗ Văn Cường", "0915827436");
            O(SoXayDung, 3, "sxd.cv2", "Trần Thanh Tùng", "0787341625");
            O(SoXayDung, 4, "sxd.cv3", "Nguyễn Thị Kiều Trinh", "0943658217");
            L(SoXayDung, 5, "sxd.ld", "Lê Công Hoan", "0913186547");
            L(SoXayDung, 6, "sxd.ld2", "Hoàng Văn Vinh", "0905613728");
            O(SoNongNghiep, 1, "snnptnt.mc1", "Bùi Thị Thanh Nhàn", "0393572814");
            O(SoNongNghiep, 2, "snnptnt.cv1", "Nguyễn Văn Lợi", "0916475382");
            O(SoNongNghiep, 3, "snnptnt.cv2", "Lê Thị Hồng Nhung", "0834516279");
            O(SoNongNghiep, 4, "snnptnt.cv3", "Trần Văn Hải", "0975268431");
            L(SoNongNghiep, 5, "snnptnt.ld", "Hà Sỹ Đồng", "0913725864");
            L(SoNongNghiep, 6, "snnptnt.ld2", "Nguyễn Hữu Trí", "0948316725");
            O(SoTaiNguyenMoiTruong, 1, "stnmt.mc1", "Phan Thị Thùy Dung", "0362485197");
            O(SoTaiNguyenMoiTruong, 2, "stnmt.mc2", "Nguyễn Thị Hoa", "0708615243");
            O(SoTaiNguyenMoiTruong, 3, "stnmt.cv1", "Lê Văn Hùng", "0914638275");
            O(SoTaiNguyenMoiTruong, 4, "stnmt.cv2", "Trương Thị Ngọc Bích", "0986427153");
            O(SoTaiNguyenMoiTruong, 5, "stnmt.cv3", "Võ Đình Khánh", "0335186274");
            O(SoTaiNguyenMoiTruong, 6, "stnmt.cv4", "Hoàng Minh Đức", "0945371628");
            L(SoTaiNguyenMoiTruong, 7, "stnmt.ld", "Nguyễn Thanh Bình", "0913648257");
            L(SoTaiNguyenMoiTruong, 8, "stnmt.ld2", "Lê Thị Mỹ Hạnh", "0905182736");
            O(SoCongThuong, 1, "sct.cv1", "Trần Thị Tuyết Mai", "0384751926");
            O(SoCongThuong, 2, "sct.cv2", "Nguyễn Văn Toàn", "0917264538");
            O(SoCongThuong, 3, "sct.cv3", "Đinh Thị Thu Hằng", "0762483519");
            L(SoCongThuong, 4, "sct.ld", "Lê Quang Vinh", "0913527648");
            L(SoCongThuong, 5, "sct.ld2", "Hồ Thị Phương", "0976352814");
            O(SoGiaoThong, 1, "sgtvt.cv1", "Nguyễn Đình Phong", "0347216859");
            O(SoGiaoThong, 2, "sgtvt.cv2", "Lê Thị Kim Thoa", "0918546327");
            O(SoGiaoThong, 3, "sgtvt.cv3", "Trần Văn Quý", "0826374915");
            L(SoGiaoThong, 4, "sgtvt.ld", "Phạm Quang Hưng", "0913472658");
            L(SoGiaoThong, 5, "sgtvt.ld2", "Hoàng Thị Thanh Nga", "0964813527");

            // Who does what in the generated history. Postal departments: the covering postal staff receive and
            // return (the department listed first in Cover is the staff member's main one: weight 3, backup 1).
            // The others: the department's counter officers.
            Profile(SoNoiVu, 500, 0.97, 0.01, 0.08, 0.11, 0.012, 0.05, officers: [(Officer1Id, 3), (103, 2)], leaders: [(Leader1Id, 3), (104, 1)]);
            Profile(SoTaiChinh, 250, 0.98, 0.005, 0.05, 0.10, 0.010, 0.04);
            Profile(SoNgoaiVu, 60, 0.93, 0.02, 0.10, 0.10, 0.010, 0.04);
            Profile(SoKhoaHocCongNghe, 150, 0.96, 0.01, 0.08, 0.11, 0.012, 0.06);
            Profile(SoYTe, 1100, 0.95, 0.01, 0.10, 0.11, 0.014, 0.06);
            Profile(SoGiaoDuc, 700, 0.94, 0.02, 0.15, 0.10, 0.010, 0.04);
            Profile(SoThongTinTruyenThong, 200, 0.97, 0.01, 0.06, 0.10, 0.010, 0.04);
            Profile(SoVanHoa, 400, 0.95, 0.01, 0.06, 0.10, 0.012, 0.05);
            Profile(BanQuanLyKhuKinhTe, 204, 0.97, 0.005, 0.05, 0.10, 0.012, 0.05);
            Profile(SoLaoDong, 5000, 0.55, 0.03, 0.10, 0.11, 0.012, 0.05);
            Profile(SoTuPhap, 6500, 0.65, 0.02, 0.12, 0.12, 0.015, 0.03);
            Profile(SoKeHoachDauTu, 4500, 0.97, 0.005, 0.04, 0.10, 0.008, 0.06);
            Profile(SoXayDung, 2500, 0.85, 0.01, 0.06, 0.12, 0.020, 0.09);
            Profile(SoNongNghiep, 2200, 0.70, 0.02, 0.05, 0.11, 0.012, 0.04);
            Profile(SoTaiNguyenMoiTruong, 4754, 0.45, 0.02, 0.08, 0.16, 0.028, 0.09);
            Profile(SoCongThuong, 12_190, 0.99, 0.002, 0.01, 0.06, 0.006, 0.01);
            Profile(SoGiaoThong, 5000, 0.75, 0.02, 0.25, 0.10, 0.012, 0.02);
        }

        private void S(int id, string user, string name, StaffRole role, int? dept, string phone, string? email = null, bool vnpost = false) =>
            _staff.Add(new Staff
            {
                Id = id, UserName = user, FullName = name, Role = role, DepartmentId = dept, Phone = phone,
                Email = email ?? MailName(name) + (vnpost ? "@vnpost.vn" : "@quangtri.gov.vn"),
            });

        private void O(int dept, int n, string user, string name, string phone) =>
            _staff.Add(new Staff
            {
                Id = dept * 100 + n, UserName = user, FullName = name, Role = StaffRole.DepartmentOfficer, DepartmentId = dept,
                Phone = phone, Email = $"{MailName(name)}.{Dept(dept).Code.ToLowerInvariant()}@quangtri.gov.vn",
            });

        private void L(int dept, int n, string user, string name, string phone) =>
            _staff.Add(new Staff
            {
                Id = dept * 100 + n, UserName = user, FullName = name, Role = StaffRole.DepartmentLeader, DepartmentId = dept,
                Phone = phone, Email = $"{MailName(name)}.{Dept(dept).Code.ToLowerInvariant()}@quangtri.gov.vn",
            });

        private void Cover(int staffId, params int[] depts)
        {
            foreach (var d in depts) _coverage.Add(new StaffCoverage { StaffId = staffId, DepartmentId = d });
        }

        private void Profile(int dept, int volume, double online, double postIn, double postOut, double onTime, double late, double supplement,
            (int Id, int W)[]? officers = null, (int Id, int W)[]? leaders = null)
        {
            var d = Dept(dept);
            var mine = _staff.Where(s => s.DepartmentId == dept).ToList();
            List<WeightedStaff> reception;
            if (d.PostalCovered)
            {
                // The first coverage row of a department names its main postal staff member (weight 3); others back up (1).
                reception = _coverage.Where(c => c.DepartmentId == dept).Select((c, i) => new WeightedStaff(c.StaffId, i == 0 ? 3 : 1)).ToList();
            }
            else
                reception = mine.Where(s => s.UserName.Contains(".mc")).Select((s, i) => new WeightedStaff(s.Id, i == 0 ? 3 : 2)).ToList();

            var off = officers?.Select(o => new WeightedStaff(o.Id, o.W)).ToList()
                      ?? mine.Where(s => s.Role == StaffRole.DepartmentOfficer && !s.UserName.Contains(".mc"))
                             .Select((s, i) => new WeightedStaff(s.Id, i == 0 ? 3 : 2)).ToList();
            var lead = leaders?.Select(o => new WeightedStaff(o.Id, o.W)).ToList()
                       ?? mine.Where(s => s.Role == StaffRole.DepartmentLeader).Select((s, i) => new WeightedStaff(s.Id, i == 0 ? 3 : 1)).ToList();
            _deptProfiles[dept] = new DepartmentProfile(dept, volume, online, postIn, postOut, onTime, late, supplement, reception, off, lead);
        }

        // ---- procedures ----------------------------------------------------------------------

        private const string NoFee = "Không thu phí, lệ phí";
        private const TimeUnit Days = TimeUnit.WorkingDays;
        private const TimeUnit Hours = TimeUnit.WorkingHours;

        public void Procedures()
        {
            // Sở Nội vụ
            P(1, 101, "Tặng Bằng khen của Chủ tịch UBND tỉnh về thành tích đột xuất", 12, Days, Flow.InterAgencyAfter, 30, NoFee,
                "Tờ trình đề nghị khen thưởng của cơ quan, đơn vị trình khen\nBáo cáo tóm tắt thành tích đột xuất, có xác nhận của Thủ trưởng đơn vị\nBiên bản họp xét của Hội đồng Thi đua - Khen thưởng cấp trình",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình Chủ tịch UBND tỉnh ký quyết định khen thưởng",
                processing: "Ban Thi đua - Khen thưởng thẩm định hồ sơ", approval: "Lãnh đạo Sở ký tờ trình",
                onTime: 0.28, late: 0.30, lateMeanDays: 3.5, supplement: 0.08);
            P(2, 101, "Tặng Bằng khen của Chủ tịch UBND tỉnh theo công trạng và thành tích đạt được", 20, Days, Flow.InterAgencyAfter, 35, NoFee,
                "Tờ trình đề nghị khen thưởng\nBáo cáo thành tích của tập thể, cá nhân được đề nghị khen thưởng (theo mẫu)\nBiên bản họp xét của Hội đồng Thi đua - Khen thưởng cấp trình",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình Chủ tịch UBND tỉnh ký quyết định khen thưởng",
                processing: "Ban Thi đua - Khen thưởng thẩm định hồ sơ", approval: "Lãnh đạo Sở ký tờ trình", onTime: 0.15, late: 0.06);
            P(3, 101, "Tặng Cờ thi đua của UBND tỉnh", 20, Days, Flow.InterAgencyAfter, 10, NoFee,
                "Tờ trình đề nghị tặng Cờ thi đua\nBáo cáo thành tích của tập thể (theo mẫu)\nBiên bản họp bình xét của khối, cụm thi đua",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình UBND tỉnh quyết định",
                processing: "Ban Thi đua - Khen thưởng thẩm định hồ sơ", approval: "Lãnh đạo Sở ký tờ trình", late: 0.04);
            P(4, 102, "Phê duyệt điều lệ hội", 30, Days, Flow.Standard, 5, NoFee,
                "Đơn đề nghị phê duyệt điều lệ hội\nĐiều lệ và biên bản thông qua điều lệ tại đại hội\nNghị quyết đại hội");
            P(5, 102, "Cấp giấy phép thành lập và công nhận điều lệ quỹ xã hội, quỹ từ thiện", 20, Days, Flow.Standard, 3, NoFee,
                "Đơn đề nghị thành lập quỹ\nDự thảo điều lệ quỹ\nVăn bản xác nhận tài sản đóng góp thành lập quỹ\nSơ yếu lý lịch thành viên Ban sáng lập quỹ");
            P(6, 103, "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở nhiều huyện", 20, Days, Flow.Standard, 5, NoFee,
                "Văn bản đề nghị nêu rõ tên cuộc lễ, người chủ trì, nội dung, thời gian, địa điểm, quy mô\nChương trình chi tiết cuộc lễ");
            P(7, 104, "Xét chuyển cán bộ, công chức cấp xã thành công chức từ cấp huyện trở lên", 15, Days, Flow.Standard, 4, NoFee,
                "Văn bản đề nghị của cơ quan sử dụng công chức\nSơ yếu lý lịch theo mẫu, có xác nhận của cơ quan quản lý\nBản sao các văn bằng, chứng chỉ theo yêu cầu của vị trí việc làm");

            // Sở Tài chính
            P(8, 203, "Đăng ký mã số đơn vị có quan hệ với ngân sách", 8, Hours, Flow.Quick, 60, NoFee,
                "Tờ khai đăng ký mã số đơn vị có quan hệ với ngân sách (Mẫu số 01-MSNS-BTC)\nBản sao quyết định thành lập đơn vị", onTime: 0.16);
            P(9, 201, "Đăng ký giá của các doanh nghiệp thuộc phạm vi cấp tỉnh", 5, Days, Flow.Quick, 15, NoFee,
                "Văn bản đăng ký giá (03 bản)\nBảng đăng ký mức giá cụ thể");
            P(10, 201, "Quyết định giá thuộc thẩm quyền của UBND tỉnh", 15, Days, Flow.InterAgencyAfter, 5, NoFee,
                "Tờ trình về phương án giá\nPhương án giá theo quy định\nBản tổng hợp ý kiến của các cơ quan có liên quan",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình UBND tỉnh quyết định giá");
            P(11, 202, "Quyết định thanh lý tài sản công", 15, Days, Flow.Standard, 10, NoFee,
                "Văn bản đề nghị thanh lý tài sản công\nDanh mục tài sản đề nghị thanh lý (chủng loại, số lượng, nguyên giá, giá trị còn lại)\nBiên bản đánh giá hiện trạng tài sản");
            P(12, 202, "Quyết định điều chuyển tài sản công", 15, Days, Flow.Standard, 10, NoFee,
                "Văn bản đề nghị điều chuyển của cơ quan quản lý tài sản\nVăn bản đề nghị được tiếp nhận tài sản\nDanh mục tài sản đề nghị điều chuyển");

            // Sở Ngoại vụ
            P(13, 303, "Cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC (ABTC)", 10, Days, Flow.InterAgencyBefore, 40, NoFee,
                "Văn bản đề nghị của doanh nghiệp\nBản sao hộ chiếu còn thời hạn\nHợp đồng lao động, quyết định bổ nhiệm\nTài liệu chứng minh hoạt động hợp tác với các nền kinh tế APEC",
                agency: "Công an tỉnh", agencyStep: "Lấy ý kiến xác minh của Công an tỉnh");
            P(14, 302, "Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền của Chủ tịch UBND tỉnh", 15, Days, Flow.InterAgencyAfter, 30, NoFee,
                "Văn bản đề nghị tổ chức hội nghị, hội thảo\nĐề án tổ chức (mục đích, nội dung, thời gian, địa điểm, thành phần tham dự)\nDanh sách đại biểu nước ngoài dự kiến",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình Chủ tịch UBND tỉnh cho phép");
            P(15, 301, "Đề nghị cấp hộ chiếu ngoại giao, hộ chiếu công vụ", 5, Days, Flow.Quick, 30, NoFee,
                "Tờ khai đề nghị cấp hộ chiếu (Mẫu 01/2020/XNC)\nQuyết định cử đi nước ngoài của cơ quan có thẩm quyền\nBản chụp Căn cước công dân");

            // Sở Khoa học và Công nghệ
            P(16, 402, "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", 10, Days, Flow.Standard, 25,
                "Phí thẩm định: 2.000.000 đồng/thiết bị",
                "Đơn đề nghị cấp giấy phép (theo mẫu)\nBáo cáo đánh giá an toàn bức xạ\nBản sao chứng chỉ nhân viên bức xạ của người phụ trách an toàn\nBiên bản kiểm định thiết bị X-quang còn hiệu lực");
            P(17, 402, "Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn cơ sở X-quang chẩn đoán trong y tế)", 10, Days, Flow.Quick, 15,
                "Phí sát hạch: 200.000 đồng/người",
                "Đơn đề nghị cấp chứng chỉ nhân viên bức xạ\nBản sao văn bằng chuyên môn\nGiấy chứng nhận đào tạo an toàn bức xạ\n02 ảnh 3x4");
            P(18, 401, "Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", 15, Days, Flow.Standard, 15,
                "Lệ phí: 250.000 đồng/giấy chứng nhận",
                "Đơn đăng ký hoạt động khoa học và công nghệ\nQuyết định thành lập tổ chức\nĐiều lệ tổ chức và hoạt động\nHồ sơ nhân lực, cơ sở vật chất - kỹ thuật");
            P(19, 403, "Tiếp nhận hồ sơ công bố hợp quy", 5, Days, Flow.Quick, 35, NoFee,
                "Bản công bố hợp quy (theo mẫu)\nBản sao giấy chứng nhận hợp quy do tổ chức chứng nhận cấp\nBản mô tả chung về sản phẩm, hàng hóa");
            P(20, 403, "Đăng ký kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu", 8, Hours, Flow.Quick, 10, NoFee,
                "Giấy đăng ký kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu\nBản sao hợp đồng, danh mục hàng hóa\nBản sao hóa đơn, vận đơn, tờ khai hàng hóa nhập khẩu", onTime: 0.15);

            // Sở Y tế
            P(21, 501, "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh đối với người Việt Nam", 20, Days, Flow.Standard, 25,
                "Phí thẩm định: 360.000 đồng/hồ sơ",
                "Đơn đề nghị cấp chứng chỉ hành nghề (theo mẫu)\nBản sao hợp lệ văn bằng chuyên môn\nGiấy xác nhận quá trình thực hành\nGiấy chứng nhận đủ sức khỏe hành nghề\n02 ảnh 4x6");
            P(22, 501, "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa", 20, Days, Flow.Standard, 8,
                "Phí thẩm định: 4.300.000 đồng/hồ sơ",
                "Đơn đề nghị cấp giấy phép hoạt động\nBản sao chứng chỉ hành nghề của người chịu trách nhiệm chuyên môn\nDanh sách người hành nghề\nBản kê khai cơ sở vật chất, thiết bị y tế", late: 0.02);
            P(23, 502, "Cấp chứng chỉ hành nghề dược", 20, Days, Flow.Standard, 20,
                "Phí thẩm định: 500.000 đồng/hồ sơ",
                "Đơn đề nghị cấp chứng chỉ hành nghề dược (Mẫu số 02)\nBản sao văn bằng chuyên môn\nGiấy xác nhận thời gian thực hành chuyên môn\n02 ảnh 4x6");
            P(24, 502, "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với nhà thuốc", 20, Days, Flow.Standard, 15,
                "Phí thẩm định: 1.000.000 đồng/cơ sở",
                "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược\nTài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị\nBản sao chứng chỉ hành nghề dược");
            P(25, 503, "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 15, Days, Flow.Standard, 12,
                "Phí thẩm định: 700.000 đồng/lần/cơ sở",
                "Đơn đề nghị cấp Giấy chứng nhận\nBản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ\nGiấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất");
            P(26, 502, "Cấp lại chứng chỉ hành nghề dược do bị mất hoặc hư hỏng", 5, Days, Flow.Quick, 5,
                "Phí thẩm định: 500.000 đồng/hồ sơ", "Đơn đề nghị cấp lại chứng chỉ hành nghề dược (Mẫu số 04)\n02 ảnh 4x6");
            P(27, 503, "Cấp giấy xác nhận nội dung quảng cáo thực phẩm", 10, Days, Flow.Standard, 8,
                "Phí thẩm định: 1.100.000 đồng/lần/sản phẩm",
                "Đơn đề nghị xác nhận nội dung quảng cáo\nBản sao Giấy tiếp nhận đăng ký bản công bố sản phẩm\nMa két nội dung quảng cáo dự kiến");
            P(28, 504, "Công bố đủ điều kiện mua bán trang thiết bị y tế thuộc loại B, C, D", 3, Days, Flow.Quick, 7,
                "Phí thẩm định: 3.000.000 đồng/hồ sơ",
                "Văn bản công bố đủ điều kiện mua bán trang thiết bị y tế\nBản kê khai nhân sự\nTài liệu chứng minh kho bảo quản, phương tiện vận chuyển");

            // Sở Giáo dục và Đào tạo
            P(29, 601, "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 8, Hours, Flow.Quick, 45,
                "Phí: 3.000 đồng/trang",
                "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc\nBản chụp Căn cước công dân còn hiệu lực", onTime: 0.16);
            P(30, 601, "Chỉnh sửa nội dung văn bằng, chứng chỉ", 5, Days, Flow.Quick, 15, NoFee,
                "Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ\nVăn bằng, chứng chỉ đề nghị chỉnh sửa\nQuyết định thay đổi hoặc cải chính hộ tịch\nGiấy khai sinh");
            P(31, 601, "Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp", 20, Days, Flow.Standard, 3, NoFee,
                "Đơn đề nghị công nhận văn bằng\nBản sao văn bằng kèm bản dịch tiếng Việt có chứng thực\nBản sao học bạ hoặc bảng kết quả học tập");
            P(32, 602, "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", 15, Days, Flow.Standard, 5, NoFee,
                "Tờ trình đề nghị cho phép hoạt động giáo dục\nQuyết định thành lập trung tâm\nDanh sách đội ngũ giáo viên kèm bản sao văn bằng\nChương trình, tài liệu giảng dạy");
            P(33, 602, "Cấp giấy phép tổ chức dạy thêm, học thêm ngoài nhà trường đối với cấp trung học phổ thông", 10, Days, Flow.Standard, 10, NoFee,
                "Đơn đề nghị tổ chức dạy thêm, học thêm\nDanh sách người tham gia dạy thêm kèm bản sao văn bằng\nBản kê khai cơ sở vật chất");
            P(34, 603, "Phúc khảo bài thi tốt nghiệp trung học phổ thông", 5, Days, Flow.Quick, 17, NoFee,
                "Đơn phúc khảo bài thi (theo mẫu)\nBản chụp Giấy báo kết quả thi");

            // Sở Thông tin và Truyền thông
            P(35, 702, "Cấp giấy phép hoạt động in", 7, Days, Flow.Standard, 15, NoFee,
                "Đơn đề nghị cấp giấy phép hoạt động in (Mẫu số 05)\nBản sao giấy tờ chứng minh thiết bị in hợp pháp\nBản sao văn bằng của người đứng đầu cơ sở in");
            P(36, 702, "Cấp giấy phép xuất bản tài liệu không kinh doanh", 10, Days, Flow.Standard, 30,
                "Phí thẩm định: 15.000 đồng/trang quy chuẩn",
                "Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh\n02 bản thảo tài liệu in hoàn chỉnh");
            P(37, 701, "Cấp giấy phép xuất bản bản tin", 20, Days, Flow.Standard, 10, NoFee,
                "Tờ khai đề nghị cấp giấy phép xuất bản bản tin\nSơ yếu lý lịch người chịu trách nhiệm\nMẫu trình bày tên gọi của bản tin");
            P(38, 703, "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", 15, Days, Flow.Standard, 10, NoFee,
                "Đơn đề nghị cấp giấy phép (Mẫu số 23)\nBản sao quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp\nĐề án hoạt động\nThỏa thuận cung cấp thông tin với nguồn tin");
            P(39, 704, "Cấp giấy phép bưu chính", 20, Days, Flow.Standard, 5,
                "Phí thẩm định: 10.000.000 đồng/hồ sơ",
                "Đơn đề nghị cấp giấy phép bưu chính\nBản sao giấy chứng nhận đăng ký doanh nghiệp\nĐiều lệ tổ chức và hoạt động\nMẫu hợp đồng cung ứng dịch vụ bưu chính");
            P(40, 701, "Cho phép họp báo (trong nước)", 2, Days, Flow.Quick, 8, NoFee,
                "Văn bản đề nghị họp báo nêu rõ nội dung, thời gian, địa điểm, người chủ trì\nNội dung thông cáo báo chí");

            // Sở Văn hóa, Thể thao và Du lịch
            P(41, 801, "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 10, Days, Flow.Standard, 10,
                "Phí thẩm định: 3.000.000 đồng/giấy phép",
                "Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành\nBản sao giấy chứng nhận đăng ký doanh nghiệp\nGiấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành\nBản sao văn bằng của người phụ trách kinh doanh");
            P(42, 801, "Cấp thẻ hướng dẫn viên du lịch nội địa", 10, Days, Flow.Quick, 20,
                "Phí thẩm định: 650.000 đồng/thẻ",
                "Đơn đề nghị cấp thẻ hướng dẫn viên du lịch\nSơ yếu lý lịch có xác nhận\nBản sao chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa\nGiấy chứng nhận sức khỏe\n02 ảnh 3x4");
            P(43, 803, "Cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", 7, Days, Flow.Standard, 15,
                "Phí thẩm định: 1.000.000 đồng/hồ sơ",
                "Đơn đề nghị cấp giấy chứng nhận\nBản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh\nBản sao văn bằng, chứng chỉ của nhân viên chuyên môn");
            P(44, 802, "Chấp thuận tổ chức biểu diễn nghệ thuật", 5, Days, Flow.Quick, 25, NoFee,
                "Văn bản đề nghị tổ chức biểu diễn nghệ thuật\nKịch bản, danh mục tác phẩm gắn với tác giả, người biểu diễn\nVăn bản chấp thuận của địa điểm biểu diễn");
            P(45, 804, "Tiếp nhận hồ sơ thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn", 5, Days, Flow.Quick, 20, NoFee,
                "Văn bản thông báo sản phẩm quảng cáo\nMa-két sản phẩm quảng cáo in màu có chữ ký của tổ chức, cá nhân\nBản sao giấy tờ chứng minh quyền sử dụng địa điểm");
            P(46, 801, "Xếp hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao", 20, Days, Flow.Standard, 5,
                "Phí thẩm định: 2.000.000 - 3.000.000 đồng/hồ sơ",
                "Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch\nBản tự đánh giá chất lượng theo tiêu chuẩn\nDanh sách người quản lý và nhân viên");

            // Ban Quản lý Khu kinh tế tỉnh
            P(47, 901, "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", 15, Days, Flow.Standard, 10, NoFee,
                "Văn bản đề nghị thực hiện dự án đầu tư\nBản sao giấy tờ pháp lý của nhà đầu tư\nĐề xuất dự án đầu tư\nTài liệu chứng minh năng lực tài chính của nhà đầu tư");
            P(48, 901, "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", 10, Days, Flow.Standard, 20, NoFee,
                "Văn bản đề nghị điều chỉnh dự án đầu tư\nBáo cáo tình hình thực hiện dự án đầu tư\nGiải trình lý do điều chỉnh");
            P(49, 902, "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại khu kinh tế, khu công nghiệp", 5, Days, Flow.Quick, 30,
                "Lệ phí: 400.000 đồng/giấy phép",
                "Văn bản đề nghị cấp giấy phép lao động (Mẫu số 11/PLI)\nGiấy chứng nhận sức khỏe\nPhiếu lý lịch tư pháp\nBản sao hộ chiếu còn giá trị\n02 ảnh màu 4x6");
            P(50, 903, "Cấp giấy phép xây dựng mới đối với công trình trong khu kinh tế, khu công nghiệp", 20, Days, Flow.Standard, 15,
                "Lệ phí: 150.000 đồng/giấy phép",
                "Đơn đề nghị cấp giấy phép xây dựng\nBản sao giấy tờ về quyền sử dụng đất\n02 bộ bản vẽ thiết kế xây dựng\nVăn bản thẩm định thiết kế của cơ quan chuyên môn", late: 0.02);
            P(51, 902, "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", 3, Days, Flow.Quick, 10, NoFee,
                "Văn bản đề nghị xác nhận\nBản sao hộ chiếu còn giá trị\nGiấy tờ chứng minh người lao động không thuộc diện cấp giấy phép");

            // Sở Lao động - Thương binh và Xã hội
            P(52, 1002, "Giải quyết hưởng trợ cấp thất nghiệp", 20, Days, Flow.Standard, 55, NoFee,
                "Đề nghị hưởng trợ cấp thất nghiệp (theo mẫu)\nBản sao quyết định thôi việc hoặc hợp đồng lao động đã hết hạn\nSổ bảo hiểm xã hội", onTime: 0.13);
            P(53, 1001, "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, Days, Flow.InterAgencyBefore, 8, NoFee,
                "Bản khai đề nghị giải quyết chế độ thờ cúng liệt sĩ (Mẫu số 07)\nBản sao Bằng Tổ quốc ghi công\nVăn bản ủy quyền của thân nhân liệt sĩ",
                agency: "UBND huyện", agencyStep: "Lấy xác nhận của UBND huyện nơi người thờ cúng cư trú");
            P(54, 1001, "Công nhận và giải quyết chế độ người hoạt động kháng chiến bị nhiễm chất độc hóa học", 20, Days, Flow.InterAgencyBefore, 5, NoFee,
                "Bản khai cá nhân (Mẫu số 12)\nGiấy tờ chứng minh thời gian hoạt động tại vùng địch sử dụng chất độc hóa học\nBiên bản giám định bệnh tật",
                agency: "Hội đồng Giám định y khoa tỉnh", agencyStep: "Giám định y khoa", late: 0.025);
            P(55, 1003, "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", 5, Days, Flow.Quick, 8,
                "Lệ phí: 400.000 đồng/giấy phép",
                "Văn bản đề nghị cấp giấy phép lao động (Mẫu số 11/PLI)\nGiấy chứng nhận sức khỏe\nPhiếu lý lịch tư pháp\nVăn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài\n02 ảnh màu 4x6");
            P(56, 1003, "Đăng ký nội quy lao động của doanh nghiệp", 7, Days, Flow.Quick, 8, NoFee,
                "Văn bản đề nghị đăng ký nội quy lao động\nNội quy lao động\nBiên bản góp ý của tổ chức đại diện người lao động");
            P(57, 1004, "Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp", 10, Days, Flow.Standard, 3, NoFee,
                "Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động\nBáo cáo thực trạng cơ sở vật chất, thiết bị, đội ngũ nhà giáo\nChương trình đào tạo");
            P(58, 1001, "Di chuyển hồ sơ người có công khi thay đổi nơi thường trú", 5, Days, Flow.Quick, 8, NoFee,
                "Đơn đề nghị di chuyển hồ sơ (Mẫu số 20)\nBản sao giấy tờ chứng minh nơi thường trú mới");

            // Sở Tư pháp
            P(59, 1101, "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", 10, Days, Flow.InterAgencyBefore, 85,
                "Phí: 200.000 đồng/lần/người (sinh viên, người có công: 100.000 đồng)",
                "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)\nBản chụp Căn cước công dân hoặc hộ chiếu\nBản chụp giấy tờ chứng minh nơi thường trú",
                agency: "Công an tỉnh", agencyStep: "Tra cứu, xác minh thông tin tại Công an tỉnh");
            P(60, 1102, "Đăng ký hành nghề và cấp Thẻ công chứng viên", 10, Days, Flow.Standard, 2,
                "Lệ phí: 100.000 đồng/thẻ",
                "Đơn đề nghị đăng ký hành nghề và cấp Thẻ công chứng viên (Mẫu TP-CC-07)\nBản sao quyết định bổ nhiệm công chứng viên\n01 ảnh chân dung 2x3");
            P(61, 1102, "Đăng ký hoạt động Văn phòng công chứng", 10, Days, Flow.Standard, 1,
                "Phí thẩm định: 1.000.000 đồng/hồ sơ",
                "Đơn đăng ký hoạt động (Mẫu TP-CC-06)\nBản sao quyết định cho phép thành lập Văn phòng công chứng\nGiấy tờ chứng minh trụ sở");
            P(62, 1103, "Đăng ký hoạt động của tổ chức hành nghề luật sư", 10, Days, Flow.Standard, 2,
                "Phí: 100.000 đồng/hồ sơ",
                "Giấy đề nghị đăng ký hoạt động\nDự thảo điều lệ (đối với công ty luật)\nBản sao chứng chỉ hành nghề luật sư, thẻ luật sư\nGiấy tờ chứng minh trụ sở");
            P(63, 1104, "Cấp bản sao trích lục hộ tịch", 8, Hours, Flow.Quick, 8,
                "Lệ phí: 8.000 đồng/bản sao",
                "Tờ khai cấp bản sao trích lục hộ tịch\nBản chụp Căn cước công dân", onTime: 0.16);

            // Sở Kế hoạch và Đầu tư
            P(64, 1201, "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", 3, Days, Flow.Quick, 15,
                "Lệ phí: 50.000 đồng/lần (miễn khi nộp trực tuyến)",
                "Giấy đề nghị đăng ký doanh nghiệp (Phụ lục I-2)\nĐiều lệ công ty\nBản sao giấy tờ pháp lý của chủ sở hữu công ty");
            P(65, 1201, "Đăng ký thành lập công ty cổ phần", 3, Days, Flow.Quick, 5,
                "Lệ phí: 50.000 đồng/lần (miễn khi nộp trực tuyến)",
                "Giấy đề nghị đăng ký doanh nghiệp (Phụ lục I-4)\nĐiều lệ công ty\nDanh sách cổ đông sáng lập\nBản sao giấy tờ pháp lý của cổ đông sáng lập");
            P(66, 1201, "Đăng ký thành lập doanh nghiệp tư nhân", 3, Days, Flow.Quick, 4,
                "Lệ phí: 50.000 đồng/lần (miễn khi nộp trực tuyến)",
                "Giấy đề nghị đăng ký doanh nghiệp (Phụ lục I-1)\nBản sao Căn cước công dân của chủ doanh nghiệp tư nhân");
            P(67, 1201, "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", 3, Days, Flow.Quick, 40,
                "Lệ phí: 50.000 đồng/lần (miễn khi nộp trực tuyến)",
                "Thông báo thay đổi nội dung đăng ký doanh nghiệp (Phụ lục II-1)\nNghị quyết, quyết định của chủ sở hữu hoặc Hội đồng thành viên\nBiên bản họp về việc thay đổi");
            P(68, 1201, "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", 3, Days, Flow.Quick, 20, NoFee,
                "Thông báo về việc tạm ngừng kinh doanh (Phụ lục II-19)\nNghị quyết, quyết định của chủ sở hữu hoặc Hội đồng thành viên");
            P(69, 1202, "Quyết định chấp thuận chủ trương đầu tư của UBND tỉnh", 20, Days, Flow.InterAgencyAfter, 2, NoFee,
                "Văn bản đề nghị thực hiện dự án đầu tư\nĐề xuất dự án đầu tư\nTài liệu chứng minh năng lực tài chính của nhà đầu tư\nĐề xuất nhu cầu sử dụng đất",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình UBND tỉnh quyết định chấp thuận chủ trương đầu tư", late: 0.03);
            P(70, 1202, "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", 15, Days, Flow.Standard, 3, NoFee,
                "Văn bản đề nghị thực hiện dự án đầu tư\nBản sao giấy tờ pháp lý của nhà đầu tư\nĐề xuất dự án đầu tư\nTài liệu chứng minh năng lực tài chính");

            // Sở Xây dựng
            P(71, 1301, "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II", 20, Days, Flow.Standard, 15,
                "Lệ phí: 150.000 đồng/giấy phép",
                "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)\nBản sao giấy tờ về quyền sử dụng đất\n02 bộ bản vẽ thiết kế xây dựng\nVăn bản kết quả thẩm định thiết kế", late: 0.03);
            P(72, 1301, "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", 20, Days, Flow.Standard, 30,
                "Lệ phí: 150.000 đồng/chứng chỉ",
                "Đơn đề nghị cấp chứng chỉ hành nghề (Mẫu số 01 Phụ lục IV)\nBản sao văn bằng đào tạo chuyên môn\nBản khai kinh nghiệm công việc chuyên môn\n02 ảnh màu 4x6");
            P(73, 1301, "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", 20, Days, Flow.Standard, 15,
                "Lệ phí: 1.000.000 đồng/chứng chỉ",
                "Đơn đề nghị cấp chứng chỉ năng lực (Mẫu số 04 Phụ lục IV)\nQuyết định bổ nhiệm và bản sao chứng chỉ hành nghề của các chức danh chủ chốt\nBản kê khai kinh nghiệm thực hiện công việc");
            P(74, 1301, "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", 20, Days, Flow.Standard, 15,
                "Phí thẩm định theo Thông tư số 27/2023/TT-BTC",
                "Tờ trình thẩm định báo cáo nghiên cứu khả thi\nBáo cáo nghiên cứu khả thi đầu tư xây dựng\nHồ sơ khảo sát xây dựng\nThiết kế cơ sở", late: 0.03);
            P(75, 1302, "Cung cấp thông tin về quy hoạch xây dựng", 10, Days, Flow.Quick, 15, NoFee,
                "Văn bản đề nghị cung cấp thông tin quy hoạch\nSơ đồ vị trí khu đất đề nghị cung cấp thông tin");
            P(76, 1303, "Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán", 15, Days, Flow.Standard, 5, NoFee,
                "Văn bản đề nghị của chủ đầu tư\nBản sao giấy tờ về quyền sử dụng đất\nBiên bản nghiệm thu hoàn thành phần móng\nBản sao giấy phép xây dựng");

            // Sở Nông nghiệp và Phát triển nông thôn
            P(77, 1401, "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh", 8, Hours, Flow.Quick, 35,
                "Phí kiểm dịch theo Thông tư số 101/2020/TT-BTC",
                "Giấy đăng ký kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh (Mẫu 1)\nBản sao giấy chứng nhận tiêm phòng",
                channels: NoPost, byPost: false, onTime: 0.18);
            P(78, 1402, "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", 20, Days, Flow.Standard, 10,
                "Phí thẩm định: 500.000 đồng/cơ sở",
                "Đơn đề nghị cấp Giấy chứng nhận (theo mẫu)\nBản thuyết minh điều kiện buôn bán thuốc bảo vệ thực vật\nBản sao văn bằng hoặc giấy chứng nhận bồi dưỡng chuyên môn");
            P(79, 1403, "Cấp giấy phép khai thác thủy sản", 5, Days, Flow.Quick, 20,
                "Lệ phí: 40.000 đồng/lần",
                "Đơn đề nghị cấp giấy phép khai thác thủy sản (Mẫu số 02.KT)\nBản sao giấy chứng nhận an toàn kỹ thuật tàu cá\nBản sao văn bằng thuyền trưởng, máy trưởng");
            P(80, 1403, "Đăng ký tàu cá", 3, Days, Flow.Quick, 15,
                "Lệ phí: 40.000 - 150.000 đồng/lần tùy chiều dài tàu",
                "Tờ khai đăng ký tàu cá (Mẫu số 02.ĐKT)\nBản chính giấy chứng nhận xóa đăng ký (tàu đã qua sử dụng)\nẢnh màu tàu cá 9x12");
            P(81, 1401, "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông, lâm, thủy sản", 15, Days, Flow.Standard, 10,
                "Phí thẩm định: 700.000 đồng/cơ sở",
                "Đơn đề nghị cấp Giấy chứng nhận\nBản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ sản xuất, kinh doanh\nDanh sách người trực tiếp sản xuất, kinh doanh đã được tập huấn");
            P(82, 1404, "Phê duyệt phương án khai thác thực vật rừng thông thường", 10, Days, Flow.Standard, 10, NoFee,
                "Văn bản đề nghị phê duyệt phương án khai thác\nPhương án khai thác thực vật rừng thông thường\nBản đồ khu khai thác");

            // Sở Tài nguyên và Môi trường
            P(83, 1501, "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 10, Days, Flow.InterAgencyBefore, 40,
                "Lệ phí: 30.000 đồng/lần; phí thẩm định theo Nghị quyết của HĐND tỉnh",
                "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 09/ĐK)\nBản gốc Giấy chứng nhận đã cấp\nHợp đồng chuyển nhượng, tặng cho đã công chứng\nTờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân",
                agency: "Cục Thuế tỉnh", agencyStep: "Chuyển thông tin địa chính xác định nghĩa vụ tài chính", onTime: 0.22, late: 0.035, lateMeanDays: 3);
            P(84, 1501, "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", 7, Days, Flow.Standard, 20,
                "Lệ phí: 50.000 đồng/giấy (hộ gia đình, cá nhân)",
                "Đơn đề nghị cấp đổi Giấy chứng nhận (Mẫu số 10/ĐK)\nBản gốc Giấy chứng nhận đã cấp\nBản sao Căn cước công dân", onTime: 0.20, late: 0.03);
            P(85, 1501, "Đính chính Giấy chứng nhận đã cấp", 10, Days, Flow.Standard, 5, NoFee,
                "Đơn đề nghị đính chính Giấy chứng nhận\nBản gốc Giấy chứng nhận đã cấp\nGiấy tờ chứng minh nội dung sai sót");
            P(86, 1501, "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho tổ chức", 20, Days, Flow.InterAgencyBefore, 5,
                "Lệ phí: 500.000 đồng/giấy",
                "Đơn đăng ký, cấp Giấy chứng nhận (Mẫu số 04a/ĐK)\nQuyết định giao đất, cho thuê đất\nBáo cáo kết quả rà soát hiện trạng sử dụng đất\nChứng từ thực hiện nghĩa vụ tài chính",
                agency: "Cục Thuế tỉnh", agencyStep: "Xác định nghĩa vụ tài chính tại Cục Thuế tỉnh", late: 0.04, lateMeanDays: 4);
            P(87, 1501, "Cung cấp thông tin, dữ liệu đất đai", 4, Hours, Flow.Quick, 15,
                "Phí khai thác, sử dụng tài liệu đất đai: 300.000 đồng/hồ sơ",
                "Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai (Mẫu số 01/PYC)", onTime: 0.30);
            P(88, 1503, "Cấp giấy phép khai thác, sử dụng nước dưới đất", 20, Days, Flow.Standard, 3,
                "Phí thẩm định: 600.000 - 4.800.000 đồng/hồ sơ",
                "Đơn đề nghị cấp giấy phép (Mẫu 01)\nBáo cáo kết quả thăm dò đánh giá trữ lượng nước dưới đất\nKết quả phân tích chất lượng nguồn nước");
            P(89, 1502, "Thẩm định báo cáo đánh giá tác động môi trường", 20, Days, Flow.InterAgencyBefore, 4,
                "Phí thẩm định theo Thông tư số 56/2018/TT-BTC",
                "Văn bản đề nghị thẩm định báo cáo đánh giá tác động môi trường\nBáo cáo đánh giá tác động môi trường\nBáo cáo nghiên cứu khả thi của dự án",
                agency: "UBND huyện", agencyStep: "Lấy ý kiến UBND huyện nơi thực hiện dự án", late: 0.04, lateMeanDays: 4);
            P(90, 1504, "Cấp giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường", 20, Days, Flow.InterAgencyAfter, 2,
                "Lệ phí theo diện tích khu vực khai thác",
                "Đơn đề nghị cấp giấy phép khai thác khoáng sản\nDự án đầu tư khai thác khoáng sản\nBản đồ khu vực khai thác\nQuyết định phê duyệt trữ lượng khoáng sản",
                agency: "Văn phòng UBND tỉnh", agencyStep: "Trình UBND tỉnh cấp giấy phép", late: 0.04);

            // Sở Công Thương: most of its volume is promotion notices, almost all online (seed 000: 99%).
            P(91, 1601, "Thông báo thực hiện khuyến mại", 3, Days, Flow.Quick, 70, NoFee,
                "Thông báo thực hiện khuyến mại (Mẫu số 01)\nThể lệ chương trình khuyến mại", onTime: 0.05, supplement: 0.005);
            P(92, 1601, "Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi trên địa bàn 1 tỉnh", 5, Days, Flow.Quick, 12,
                "Phí thẩm định: 1.000.000 đồng/chương trình",
                "Đơn đề nghị thực hiện khuyến mại (Mẫu số 02)\nThể lệ chương trình khuyến mại\nMẫu vé số dự thưởng");
            P(93, 1602, "Cấp Giấy phép bán buôn sản phẩm rượu", 15, Days, Flow.Standard, 2,
                "Phí thẩm định: 1.200.000 đồng/điểm kinh doanh",
                "Đơn đề nghị cấp Giấy phép bán buôn sản phẩm rượu\nBản sao giấy chứng nhận đăng ký doanh nghiệp\nHợp đồng với nhà cung cấp sản phẩm rượu\nTài liệu chứng minh kho hàng");
            P(94, 1602, "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", 15, Days, Flow.Standard, 3,
                "Phí thẩm định: 1.200.000 đồng/cửa hàng",
                "Đơn đề nghị cấp Giấy chứng nhận\nBản kê trang thiết bị của cửa hàng bán lẻ xăng dầu\nBản sao giấy chứng nhận đủ điều kiện phòng cháy chữa cháy");
            P(95, 1602, "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm thuộc ngành Công Thương", 20, Days, Flow.Standard, 5,
                "Phí thẩm định: 700.000 đồng/lần/cơ sở",
                "Đơn đề nghị cấp Giấy chứng nhận\nBản thuyết minh về cơ sở vật chất, trang thiết bị\nGiấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm");
            P(96, 1603, "Cấp giấy phép hoạt động điện lực", 15, Days, Flow.Standard, 3,
                "Phí thẩm định: 700.000 - 2.100.000 đồng/giấy phép",
                "Văn bản đề nghị cấp giấy phép hoạt động điện lực\nBản sao giấy chứng nhận đăng ký doanh nghiệp\nDanh sách người trực tiếp quản lý kỹ thuật, vận hành");
            P(97, 1604, "Cấp Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất sản xuất, kinh doanh có điều kiện", 12, Days, Flow.Standard, 2,
                "Phí thẩm định: 1.200.000 đồng/cơ sở",
                "Văn bản đề nghị cấp Giấy chứng nhận\nBản kê khai địa điểm, nhà xưởng, kho chứa\nBản sao quyết định phê duyệt kế hoạch phòng ngừa, ứng phó sự cố hóa chất");
            P(98, 1601, "Xác nhận đăng ký tổ chức hội chợ, triển lãm thương mại", 5, Days, Flow.Quick, 3, NoFee,
                "Đơn đăng ký tổ chức hội chợ, triển lãm thương mại (Mẫu số 01)\nKế hoạch tổ chức hội chợ, triển lãm");

            // Sở Giao thông vận tải
            P(99, 1701, "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", 5, Days, Flow.Quick, 55,
                "Lệ phí: 135.000 đồng/lần",
                "Đơn đề nghị đổi giấy phép lái xe (Mẫu)\nBản sao giấy phép lái xe sắp hết hạn\nGiấy khám sức khỏe của người lái xe\nBản chụp Căn cước công dân", postResult: 0.35);
            P(100, 1701, "Cấp lại giấy phép lái xe", 10, Days, Flow.Standard, 10,
                "Lệ phí: 135.000 đồng/lần",
                "Đơn đề nghị cấp lại giấy phép lái xe (Mẫu)\nGiấy khám sức khỏe của người lái xe\nBản chụp Căn cước công dân");
            P(101, 1703, "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", 5, Days, Flow.Quick, 8,
                "Lệ phí: 200.000 đồng/giấy phép",
                "Giấy đề nghị cấp giấy phép kinh doanh vận tải bằng xe ô tô\nBản sao văn bằng, chứng chỉ của người trực tiếp điều hành vận tải\nPhương án kinh doanh vận tải");
            P(102, 1703, "Cấp phù hiệu xe ô tô kinh doanh vận tải", 2, Days, Flow.Quick, 15,
                "Không thu phí", "Giấy đề nghị cấp phù hiệu\nBản sao giấy đăng ký xe ô tô");
            P(103, 1701, "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ", 8, Hours, Flow.Quick, 5, NoFee,
                "Đơn đề nghị cấp giấy phép lưu hành xe (Mẫu)\nBản sao giấy đăng ký xe, giấy chứng nhận kiểm định\nPhương án vận chuyển", channels: NoPost, onTime: 0.18);
            P(104, 1701, "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ", 7, Days, Flow.Standard, 3, NoFee,
                "Đơn đề nghị chấp thuận xây dựng công trình thiết yếu\nHồ sơ thiết kế có thể hiện phạm vi bảo vệ kết cấu hạ tầng đường bộ");
            P(105, 1702, "Đăng ký phương tiện thủy nội địa lần đầu", 3, Days, Flow.Quick, 4,
                "Lệ phí: 70.000 đồng/giấy chứng nhận",
                "Đơn đề nghị đăng ký phương tiện thủy nội địa\nBiên lai nộp lệ phí trước bạ\nBản sao giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường phương tiện\n02 ảnh phương tiện 10x15");
        }

        private void P(int id, int fieldId, string name, int amount, TimeUnit unit, Flow flow, int weight, string fees, string papers,
            string? agency = null, string? agencyStep = null, string? processing = null, string? approval = null,
            Channels channels = All, bool byPost = true,
            double? onTime = null, double? late = null, double? supplement = null, double? postResult = null, double lateMeanDays = 2.0)
        {
            var field = _fields.First(f => f.Id == fieldId);
            var dept = Dept(field.DepartmentId);
            _procedures.Add(new Procedure
            {
                Id = id,
                Code = $"1.{1000 + id * 97:000000}.000.00.00.{ProvinceCode}",
                Name = name,
                DepartmentId = dept.Id,
                FieldId = fieldId,
                StatutoryAmount = amount,
                StatutoryUnit = unit,
                AllowedChannels = channels,
                ResultByPost = byPost,
                RequiredPapers = papers,
                Fees = fees,
            });
            _procProfiles[id] = new ProcedureProfile(id, weight, onTime, late, supplement, postResult, lateMeanDays);

            var intake = dept.PostalCovered ? StaffRole.PostalStaff : StaffRole.DepartmentOfficer;
            const string receive = "Tiếp nhận, kiểm tra và số hóa hồ sơ";
            const string giveBack = "Trả kết quả";
            var process = processing ?? "Thụ lý, thẩm định hồ sơ";
            var approve = approval ?? (dept.Id == BanQuanLyKhuKinhTe ? "Lãnh đạo Ban xem xét, phê duyệt" : "Lãnh đạo Sở xem xét, phê duyệt");
            if ((flow is Flow.InterAgencyBefore or Flow.InterAgencyAfter) != (agency is not null))
                throw new InvalidOperationException($"Procedure {id}: inter-agency flow and agency must go together.");

            var plan = flow switch
            {
                Flow.Standard => new (string, StepKind, StaffRole, int, string?)[]
                {
                    (receive, StepKind.Reception, intake, 10, null), (process, StepKind.Processing, StaffRole.DepartmentOfficer, 60, null),
                    (approve, StepKind.Approval, StaffRole.DepartmentLeader, 25, null), (giveBack, StepKind.Return, intake, 5, null),
                },
                Flow.Quick => new (string, StepKind, StaffRole, int, string?)[]
                {
                    (receive, StepKind.Reception, intake, 5, null), (process, StepKind.Processing, StaffRole.DepartmentOfficer, 65, null),
                    (approve, StepKind.Approval, StaffRole.DepartmentLeader, 25, null), (giveBack, StepKind.Return, intake, 5, null),
                },
                Flow.InterAgencyBefore => new (string, StepKind, StaffRole, int, string?)[]
                {
                    (receive, StepKind.Reception, intake, 10, null), (process, StepKind.Processing, StaffRole.DepartmentOfficer, 50, null),
                    (agencyStep!, StepKind.InterAgency, StaffRole.DepartmentOfficer, 15, agency),
                    (approve, StepKind.Approval, StaffRole.DepartmentLeader, 20, null), (giveBack, StepKind.Return, intake, 5, null),
                },
                _ => new (string, StepKind, StaffRole, int, string?)[]
                {
                    (receive, StepKind.Reception, intake, 5, null), (process, StepKind.Processing, StaffRole.DepartmentOfficer, 45, null),
                    (approve, StepKind.Approval, StaffRole.DepartmentLeader, 15, null),
                    (agencyStep!, StepKind.InterAgency, StaffRole.DepartmentOfficer, 30, agency), (giveBack, StepKind.Return, intake, 5, null),
                },
            };
            double sum = 0;
            for (int i = 0; i < plan.Length; i++)
            {
                var (stepName, kind, role, percent, stepAgency) = plan[i];
                // The last share is 1 − the others, so that the shares add up to exactly 1.0 in floating point.
                double share = i < plan.Length - 1 ? percent / 100.0 : 1.0 - sum;
                sum += share;
                _steps.Add(new ProcedureStep
                {
                    Id = id * 10 + i + 1, ProcedureId = id, Order = i + 1, Name = stepName, Kind = kind,
                    // An inter-agency step is followed up by the department's officer; the work is the agency's.
                    Role = role, Share = share, Agency = stepAgency,
                });
            }
        }
    }
}
