using System.Text;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>Random but realistic applicants: Vietnamese names, phones, citizen ID numbers, addresses in Quảng Trị.</summary>
internal static class DemoApplicants
{
    // Family names with rough national frequencies (Nguyễn about a third).
    private static readonly (string Name, int Weight)[] Families =
    [
        ("Nguyễn", 320), ("Trần", 110), ("Lê", 100), ("Phạm", 60), ("Hoàng", 45), ("Phan", 40), ("Võ", 40), ("Hồ", 35),
        ("Đặng", 20), ("Bùi", 20), ("Đỗ", 15), ("Ngô", 15), ("Dương", 10), ("Trương", 12), ("Lương", 8), ("Đoàn", 10),
        ("Hà", 8), ("Cao", 8), ("Mai", 6), ("Huỳnh", 10), ("Thái", 5), ("Châu", 4), ("Tôn", 3), ("Lý", 5),
    ];

    private static readonly string[] MaleMiddles = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Đình", "Anh", "Quốc", "Hoàng", "Tiến"];
    private static readonly string[] FemaleMiddles = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Mỹ", "Phương", "Diệu", "Bảo", "Khánh"];

    private static readonly string[] MaleGivens =
    [
        "Hùng", "Dũng", "Tuấn", "Nam", "Long", "Hải", "Sơn", "Thắng", "Phúc", "Bình", "Cường", "Quân", "Khánh", "Trung",
        "Hiếu", "Lâm", "Tài", "Vinh", "Hòa", "Toàn", "Đạt", "Huy", "Phong", "Thành", "Tú", "Hưng", "Lộc", "Nhân",
        "Quý", "Sang", "Thịnh", "Tín", "Trí", "Việt", "Bảo", "Danh", "Đức", "Hoàng", "Kiên", "Minh",
    ];

    private static readonly string[] FemaleGivens =
    [
        "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Hà", "Nga", "Nhung", "Thủy", "Yến", "Ngọc", "Vân",
        "Hằng", "Oanh", "Phượng", "Hạnh", "Loan", "Trâm", "Uyên", "Giang", "Châu", "Diệp", "Hiền", "Huyền", "Liên",
        "My", "Nhi", "Quyên", "Tâm", "Thanh", "Thư", "Tuyết", "Vy", "Xuân", "Ánh", "Dung", "Duyên", "Hậu",
    ];

    private static readonly string[] PhonePrefixes =
    [
        "090", "091", "093", "094", "096", "097", "098", "091", "094", "097",
        "032", "033", "034", "035", "036", "037", "038", "039",
        "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "088",
    ];

    private static readonly string[] DongHaStreets =
    [
        "Lê Duẩn", "Hùng Vương", "Quốc lộ 9", "Trần Hưng Đạo", "Nguyễn Huệ", "Lê Lợi", "Lý Thường Kiệt", "Hàm Nghi",
        "Trần Phú", "Ngô Quyền", "Phan Bội Châu", "Nguyễn Du", "Điện Biên Phủ", "Thành Cổ", "Lê Thế Tiết", "Tôn Thất Thuyết",
    ];

    // Localities of Quảng Trị, weighted roughly by population. District-level unit and its commune-level units.
    private static readonly (string Unit, string[] Places, int Weight, bool City)[] Localities =
    [
        ("thành phố Đông Hà", ["Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5", "phường Đông Giang", "phường Đông Lễ", "phường Đông Lương", "phường Đông Thanh"], 26, true),
        ("thị xã Quảng Trị", ["Phường 1", "Phường 2", "Phường 3", "phường An Đôn", "xã Hải Lệ"], 7, false),
        ("huyện Vĩnh Linh", ["thị trấn Hồ Xá", "thị trấn Cửa Tùng", "xã Vĩnh Long", "xã Vĩnh Chấp", "xã Vĩnh Thủy", "xã Vĩnh Tú", "xã Vĩnh Hòa"], 12, false),
        ("huyện Gio Linh", ["thị trấn Gio Linh", "thị trấn Cửa Việt", "xã Gio Mỹ", "xã Gio Hải", "xã Gio Châu", "xã Gio Quang"], 10, false),
        ("huyện Cam Lộ", ["thị trấn Cam Lộ", "xã Cam Hiếu", "xã Cam Thành", "xã Cam Chính", "xã Cam Tuyền"], 7, false),
        ("huyện Triệu Phong", ["thị trấn Ái Tử", "xã Triệu Ái", "xã Triệu Thành", "xã Triệu Đông", "xã Triệu Long", "xã Triệu Phước"], 12, false),
        ("huyện Hải Lăng", ["thị trấn Diên Sanh", "xã Hải Phú", "xã Hải Thượng", "xã Hải Định", "xã Hải Ba", "xã Hải Quy"], 11, false),
        ("huyện Hướng Hóa", ["thị trấn Khe Sanh", "thị trấn Lao Bảo", "xã Tân Hợp", "xã Hướng Tân", "xã Tân Thành", "xã Hướng Phùng"], 10, false),
        ("huyện Đakrông", ["thị trấn Krông Klang", "xã Mò Ó", "xã Tà Rụt", "xã Hướng Hiệp", "xã Triệu Nguyên"], 5, false),
    ];

    private static readonly string[] Villages = ["thôn 1", "thôn 2", "thôn 3", "thôn 4", "thôn Tân Lập", "thôn An Hưng", "thôn Đông Hòa", "thôn Phú Hưng", "thôn Bắc Sơn", "thôn Trung Chỉ", "thôn Kim Long"];

    private static readonly int FamilyTotal = Families.Sum(f => f.Weight);
    private static readonly int LocalityTotal = Localities.Sum(l => l.Weight);

    public readonly record struct Applicant(string Name, string Phone, string IdNumber, string Address);

    public static Applicant Next(Random rnd, int nowYear)
    {
        bool female = rnd.NextDouble() < 0.47;
        string family = Pick(rnd);
        var sb = new StringBuilder(32).Append(family).Append(' ');
        sb.Append(female ? FemaleMiddles[rnd.Next(FemaleMiddles.Length)] : MaleMiddles[rnd.Next(MaleMiddles.Length)]).Append(' ');
        if (rnd.NextDouble() < 0.25) // a second middle name: "Nguyễn Thị Thanh Hương"
            sb.Append(female ? FemaleGivens[rnd.Next(FemaleGivens.Length)] : MaleGivens[rnd.Next(MaleGivens.Length)]).Append(' ');
        sb.Append(female ? FemaleGivens[rnd.Next(FemaleGivens.Length)] : MaleGivens[rnd.Next(MaleGivens.Length)]);
        var name = sb.ToString();
        if (name.Split(' ') is { Length: 4 } parts && parts[2] == parts[3]) name = $"{parts[0]} {parts[1]} {parts[3]}";

        var phone = PhonePrefixes[rnd.Next(PhonePrefixes.Length)] + rnd.Next(0, 10_000_000).ToString("0000000");

        // Citizen ID (CCCD): province of birth (045 = Quảng Trị), century-and-sex digit, year of birth, 6 random digits.
        int birthYear = nowYear - 18 - (int)Math.Min(62, -Math.Log(1 - rnd.NextDouble()) * 17);
        int province = rnd.NextDouble() < 0.88 ? 45 : new[] { 44, 46, 42, 38, 1, 79, 48 }[rnd.Next(7)];
        int centurySex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        var idNumber = $"{province:000}{centurySex}{birthYear % 100:00}{rnd.Next(0, 1_000_000):000000}";

        var loc = PickLocality(rnd);
        var place = loc.Places[rnd.Next(loc.Places.Length)];
        bool urban = !place.StartsWith("xã ", StringComparison.Ordinal);
        string address = loc.City && rnd.NextDouble() < 0.7
            ? $"Số {rnd.Next(1, 300)} {DongHaStreets[rnd.Next(DongHaStreets.Length)]}, {place}, {loc.Unit}, tỉnh Quảng Trị"
            : urban
                ? $"Khu phố {rnd.Next(1, 10)}, {place}, {loc.Unit}, tỉnh Quảng Trị"
                : $"{Villages[rnd.Next(Villages.Length)]}, {place}, {loc.Unit}, tỉnh Quảng Trị";
        address = char.ToUpperInvariant(address[0]) + address[1..];
        return new Applicant(name, phone, idNumber, address);
    }

    private static string Pick(Random rnd)
    {
        int r = rnd.Next(FamilyTotal);
        foreach (var (name, weight) in Families)
        {
            if (r < weight) return name;
            r -= weight;
        }
        return Families[0].Name;
    }

    private static (string Unit, string[] Places, int Weight, bool City) PickLocality(Random rnd)
    {
        int r = rnd.Next(LocalityTotal);
        foreach (var l in Localities)
        {
            if (r < l.Weight) return l;
            r -= l.Weight;
        }
        return Localities[0];
    }
}
