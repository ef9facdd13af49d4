using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Agreements;

/// <summary>
/// Either side rewrites its part of the agreement: the cadence, how to cancel, and what it wants to learn and to teach.
/// The revision becomes the current version, which both sides sign again; the earlier versions stay as they were.
/// </summary>
public static class ProposeRevision
{
    public const string ChangedMeanwhileMessage =
        "Your partner changed the agreement while you were editing. Read the current version; your changes were not saved.";

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed class Command : ICommand<int>
    {
        public int PairId { get; set; }

        /// <summary>The version the person was reading, so a revision made meanwhile is not overwritten unseen.</summary>
        public int BasedOn { get; set; }

        public string? Cadence { get; set; }

        public string? Cancelling { get; set; }

        public string? Learns { get; set; }

        public string? Teaches { get; set; }

        public static Command From(ViewAgreement.Result agreement)
        {
            ArgumentNullException.ThrowIfNull(agreement);
            var terms = agreement.Current.Terms;
            return new Command
            {
                PairId = agreement.PairId,
                BasedOn = agreement.Current.Number,
                Cadence = terms.Cadence,
                Cancelling = terms.Cancelling,
                Learns = terms.LearnsOf(agreement.MySide),
                Teaches = terms.TeachesOf(agreement.MySide),
            };
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            const int max = AgreementTerms.TermMaxLength;
            RuleFor(c => c.Cadence).NotEmpty().WithMessage("Say how often and how long you meet.")
                .MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c.Cancelling).NotEmpty().WithMessage("Say how either of you cancels a session.")
                .MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c.Learns).MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
            RuleFor(c => c.Teaches).MaximumLength(max).WithMessage($"At most {max:N0} characters; shorten it.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var me = current.RequireId();
            var (pair, side) = await PairAgreements.MyStartedPairAsync(db, command.PairId, me, tracked: true, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var agreement = await PairAgreements.LoadAsync(db.PairAgreements, pair.Id, cancellationToken);
            if ((agreement?.Current.Number ?? 1) != command.BasedOn)
            {
                throw RequestValidationException.For(command, "", ChangedMeanwhileMessage);
            }

            if (agreement is null)
            {
                // The template the person read as version 1 is kept as version 1; the revision is version 2.
                var template = await PairAgreements.TemplateAsync(db, pair.ProgramId, cancellationToken);
                agreement = PairAgreement.Start(pair, template.FirstTerms(), me, side, now);
                db.PairAgreements.Add(agreement);
            }

            var version = agreement.Propose(pair, me, side, command.Cadence!, command.Cancelling!, command.Learns ?? "", command.Teaches ?? "", now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A revision or signature saved meanwhile (or the same agreement started twice) wins; this one is refused whole.
                throw RequestValidationException.For(command, "", ChangedMeanwhileMessage);
            }

            return version.Number;
        }
    }
}
