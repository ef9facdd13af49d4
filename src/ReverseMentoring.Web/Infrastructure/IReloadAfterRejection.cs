namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// A page shown again after its request was rejected loads what it displays; its handler stopped before doing so.
/// Called once the rejection is known, so it may run after a handler that already loaded some of it.
/// </summary>
public interface IReloadAfterRejection
{
    Task ReloadAsync(CancellationToken cancellationToken);
}
