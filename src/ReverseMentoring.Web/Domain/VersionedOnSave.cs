namespace ReverseMentoring.Web.Domain;

/// <summary>
/// A record two people may edit at once: its <see cref="Version"/> is a concurrency token renewed at every save that
/// modifies it, so the second of two editors holding the old one fails to save instead of overwriting the first.
/// </summary>
public interface IVersionedOnSave
{
    Guid Version { get; set; }
}
