namespace OneStop.Domain.Persistence.Demo;

/// <summary>Draws an id with probability proportional to its whole-number weight (the demo generators' staff, procedures, departments).</summary>
internal sealed class WeightedIdPicker
{
    private readonly int[] _ids, _cum;

    public WeightedIdPicker(IEnumerable<(int Id, int Weight)> items)
    {
        var list = items.Where(i => i.Weight > 0).ToArray();
        if (list.Length == 0) throw new InvalidOperationException("A demo profile lists nobody for a role.");
        _ids = list.Select(i => i.Id).ToArray();
        _cum = new int[list.Length];
        int c = 0;
        for (int i = 0; i < list.Length; i++) _cum[i] = c += list[i].Weight;
    }

    public WeightedIdPicker(IEnumerable<WeightedStaff> staff) : this(staff.Select(w => (w.StaffId, w.Weight))) { }

    public int Pick(Random rnd)
    {
        int r = rnd.Next(_cum[^1]), i = 0;
        while (r >= _cum[i]) i++;
        return _ids[i];
    }
}
