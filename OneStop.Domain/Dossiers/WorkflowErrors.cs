namespace OneStop.Domain.Dossiers;

/// <summary>Bad input: each entry names a field and the rule it broke (in the screen's language, <see cref="UiText"/>). Nothing was changed.</summary>
public sealed class DossierValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>Someone else changed the dossier since it was read. Nothing was changed.</summary>
public sealed class DossierConcurrencyException(string code)
    : Exception(UiText.Say($"Hồ sơ {code} vừa được người khác cập nhật. Màn hình đã có thông tin mới nhất; hãy xem lại rồi thao tác lại.",
        $"Dossier {code} was just updated by someone else. The screen now shows the latest; check it and try again."))
{
    public string Code { get; } = code;
}

public sealed class DossierNotFoundException(string code) : Exception(UiText.Say($"Không tìm thấy hồ sơ {code}.", $"Dossier {code} was not found."))
{
    public string Code { get; } = code;
}
