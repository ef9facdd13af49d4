using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Agreements;

/// <summary>
/// Either side signs the version of the agreement it read. Only the current version can be signed, by each side once;
/// the first signature on a pair that has no agreement yet signs the program's template as version 1.
/// </summary>
public static class SignAgreement
{
    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<bool>
    {
        public int PairId { get; set; }

        /// <summary>The number of the version the person read and signs.</summary>
        public int Version { get; set; }
    }

    /// <summary>Returns whether both sides have now signed the current version.</summary>
    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, side) = await PairAgreements.MyStartedPairAsync(db, command.PairId, me, tracked: true, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var agreement = await PairAgreements.LoadAsync(db.PairAgreements, pair.Id, cancellationToken);
            if (agreement is null)
            {
                if (command.Version != 1)
                {
                    throw new DomainRuleException(PairAgreement.NotCurrentMessage);
                }

                var template = await PairAgreements.TemplateAsync(db, pair.ProgramId, cancellationToken);
                agreement = PairAgreement.Start(pair, template.FirstTerms(), me, side, now);
                db.PairAgreements.Add(agreement);
            }

            agreement.Sign(pair, me, side, command.Version, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw RequestValidationException.For(command, "", ProposeRevision.ChangedMeanwhileMessage);
            }

            return agreement.SignedByBothAtUtc is not null;
        }
    }
}
