using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActionKey",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ActionName",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ProgramId",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActionKey",
                table: "AuditEntries",
                column: "ActionKey");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ProgramId_AtUtc",
                table: "AuditEntries",
                columns: new[] { "ProgramId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActionKey",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ProgramId_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActionKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ActionName",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ProgramId",
                table: "AuditEntries");
        }
    }
}
