using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>Logs every request with its name, the time it took and who sent it.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, CurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = "handled";
            return response;
        }
        catch (RequestValidationException)
        {
            outcome = "rejected as invalid";
            throw;
        }
        catch (RequestAuthorizationException)
        {
            outcome = "refused";
            throw;
        }
        catch (NotFoundException)
        {
            outcome = "not found";
            throw;
        }
        finally
        {
            logger.LogInformation("{Request} {Outcome} in {ElapsedMs:0.0} ms for {User}",
                RequestName.Of(typeof(TMessage)), outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, user.Name);
        }
    }
}

/// <summary>
/// Checks the request's declared audience before anything else runs. A request that declares none is refused:
/// forgetting the attribute must fail closed, not open.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(CurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var audience = RequestAudience.Of(typeof(TMessage));
        if (audience is not RequestAudience.AnyoneAudience && !user.IsSignedIn)
        {
            throw new RequestAuthorizationException(signedIn: false);
        }

        if (audience is RequestAudience.Roles roles && !roles.Names.Any(user.IsInRole))
        {
            throw new RequestAuthorizationException(signedIn: true);
        }

        return next(message, cancellationToken);
    }
}

/// <summary>
/// Runs every FluentValidation validator of the request; any failure stops it before the handler. A move the domain
/// refuses in the handler (<see cref="DomainRuleException"/>) is reported the same way, as a failure of the whole form.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(message, failures);
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            throw RequestValidationException.For(message, "", refused.Message);
        }
    }
}

/// <summary>
/// Each command runs in one database transaction: it is saved whole or not at all, with the messages it queued in the
/// outbox. Those are sent only after the commit, and a failure to send them never fails the command: it is recorded
/// on the message and retried by the outbox sender.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(
    AppDbContext db, Outbox outbox, AuditAction action, ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        action.NameAfter(typeof(TMessage));

        // SQL Server's retrying strategy requires user transactions to run inside it.
        var strategy = db.Database.CreateExecutionStrategy();
        TResponse response;
        try
        {
            response = await strategy.ExecuteAsync(async ct =>
            {
                // A retried attempt queues its messages again.
                outbox.Forget();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await next(message, ct);
                outbox.EnsureSaved();
                await transaction.CommitAsync(ct);
                return result;
            }, cancellationToken);
        }
        catch
        {
            outbox.Forget();
            throw;
        }

        try
        {
            // Not the request's token: the change is committed, so its messages go out even if the caller stops waiting.
            await outbox.DeliverSavedAsync(CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "{Request} was saved, but its messages could not be sent now; the outbox sender tries again",
                RequestName.Of(typeof(TMessage)));
        }

        return response;
    }
}

/// <summary>Who may send a request, read once per request type from its attributes.</summary>
public abstract record RequestAudience
{
    private static readonly ConcurrentDictionary<Type, RequestAudience> Cache = new();

    public static readonly RequestAudience Anyone = new AnyoneAudience();
    public static readonly RequestAudience SignedIn = new SignedInAudience();

    public static RequestAudience Of(Type requestType) => Cache.GetOrAdd(requestType, Read);

    private static RequestAudience Read(Type type)
    {
        if (type.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null)
        {
            return Anyone;
        }

        if (type.GetCustomAttribute<AnySignedInUserAttribute>() is not null)
        {
            return SignedIn;
        }

        if (type.GetCustomAttribute<AllowedRolesAttribute>() is { Roles.Count: > 0 } allowed)
        {
            return new Roles(allowed.Roles);
        }

        throw new InvalidOperationException(
            $"{RequestName.Of(type)} declares no audience: add [AllowedRoles], [AnySignedInUser] or [AllowAnonymousRequest].");
    }

    public sealed record AnyoneAudience : RequestAudience;

    public sealed record SignedInAudience : RequestAudience;

    public sealed record Roles(IReadOnlyList<string> Names) : RequestAudience;
}

public static class RequestName
{
    /// <summary>"SignIn.Command" rather than "Command": nested request types are named with their slice.</summary>
    public static string Of(Type type) => type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
}
