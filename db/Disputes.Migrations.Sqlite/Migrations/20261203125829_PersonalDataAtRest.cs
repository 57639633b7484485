using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Disputes.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataAtRest : Migration
    {
        /// <summary>
        /// The personal-data columns become bytes (ciphertext) and the roster's unique index moves to the ID number's keyed
        /// hash. SQL knows no key, so each old value is kept as 'P' and its UTF-8 text, and each old hash as the row's id (36
        /// bytes, never a real 32-byte hash, unique): the app encrypts and hashes these at its next start, before it serves
        /// (<c>PersonalDataReencryption.EncryptPendingAsync</c>).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkerClaims_IncidentId_IdNumber",
                table: "WorkerClaims");

            migrationBuilder.AddColumn<byte[]>(
                name: "IdNumberHash",
                table: "WorkerClaims",
                type: "BLOB",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            // Before the columns change type (a table rebuild in SQLite), while the old values are still text.
            migrationBuilder.Sql("""
                UPDATE "WorkerClaims" SET "IdNumber" = CAST('P' || "IdNumber" AS BLOB), "Phone" = CAST('P' || "Phone" AS BLOB),
                    "IdNumberHash" = CAST("Id" AS BLOB)
                WHERE typeof("IdNumber") = 'text';
                UPDATE "Enterprises" SET "Contact" = CAST('P' || "Contact" AS BLOB) WHERE typeof("Contact") = 'text';
                UPDATE "AspNetUsers" SET "PhoneNumber" = CAST('P' || "PhoneNumber" AS BLOB) WHERE typeof("PhoneNumber") = 'text';
                """);

            migrationBuilder.AlterColumn<byte[]>(
                name: "Phone",
                table: "WorkerClaims",
                type: "BLOB",
                maxLength: 115,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<byte[]>(
                name: "IdNumber",
                table: "WorkerClaims",
                type: "BLOB",
                maxLength: 73,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldUnicode: false,
                oldMaxLength: 18);

            migrationBuilder.AlterColumn<byte[]>(
                name: "Contact",
                table: "Enterprises",
                type: "BLOB",
                maxLength: 655,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<byte[]>(
                name: "PhoneNumber",
                table: "AspNetUsers",
                type: "BLOB",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkerClaims_IncidentId_IdNumberHash",
                table: "WorkerClaims",
                columns: new[] { "IncidentId", "IdNumberHash" },
                unique: true);
        }

        /// <summary>Encrypted values cannot be turned back into text in SQL: going back means restoring the backup taken before.</summary>
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("PersonalDataAtRest cannot be reverted: the columns hold ciphertext. Restore the database backup taken before it.");
    }
}
