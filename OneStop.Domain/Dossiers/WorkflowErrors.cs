namespace OneStop.Domain.Dossiers;

/// <summary>Bad input: each entry names a field and the rule it broke (Vietnamese). Nothing was changed.</summary>
public sealed class DossierValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>Someone else changed the dossier since it was read. Nothing was changed.</summary>
public sealed class DossierConcurrencyException(string code)
    : Exception($"Hồ sơ {code} vừa được người khác cập nhật. Màn hình đã có thông tin mới nhất; hãy xem lại rồi thao tác lại.")
{
    public string Code { get; } = code;
}

public sealed class DossierNotFoundException(string code) : Exception($"Không tìm thấy hồ sơ {code}.")
{
    public string Code { get; } = code;
}
