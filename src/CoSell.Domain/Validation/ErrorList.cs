namespace CoSell.Domain.Validation;

/// <summary>Collects validation errors in the order they are found.</summary>
internal sealed class ErrorList
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    public void Add(string field, string message) => _errors.Add(new ValidationError(field, message));

    public void RequireId(string field, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            Add(field, "is required.");
        }
        else if (!Ids.IsValid(id))
        {
            Add(field, $"'{Shorten(id)}' is not a valid id: use {Ids.MinLength} to {Ids.MaxLength} lower-case letters, digits and hyphens.");
        }
    }

    public void RequireDefined<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Add(field, $"'{value}' is not a known {typeof(TEnum).Name}.");
        }
    }

    /// <summary>Keeps an echoed value readable when someone sends a huge string.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
