/** QR-visit: check-in sessions a teacher opens for a journal lesson, and the students' scans. */
import { Field, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { Identifying } from '../../graphql/personal-data';
import { DateTime } from '../../graphql/scalars';
import { ScanResult, type QrScanRecord, type QrSessionRecord } from '../../domain/attendance';

registerEnumType(ScanResult, {
  name: 'ScanResult',
  description: 'What QR-visit decided about one scan. Only ACCEPTED scans mark the student present.',
  valuesConfig: {
    ACCEPTED: { description: 'Valid, fresh token from a registered student: the student is checked in.' },
    EXPIRED_TOKEN: { description: 'The token had already rotated (a photo of an old code, typically forwarded).' },
    FORGED_TOKEN: { description: 'The token\'s signature did not verify.' },
    SESSION_CLOSED: { description: 'Scanned after the teacher closed the session, or after the lesson\'s period ended.' },
    NOT_REGISTERED: { description: 'The student is not registered for this lesson\'s group or discipline.' },
    DUPLICATE: { description: 'The student\'s attendance was already recorded: an earlier check-in to the lesson, or (check-ins through the hub) an excused or hand-entered journal mark, which a scan never changes.' },
    OUT_OF_RANGE: { description: 'The location check failed: the device was outside the allowed radius.' },
  },
});

@HubObject('A QR-visit check-in session opened by a teacher for one journal lesson. Source: QR-visit.')
export class QrSession implements QrSessionRecord {
  __typename!: 'QrSession';
  id!: string;
  /** The session's key in QR-visit. */
  key!: number;
  /** AVN's key of the journal lesson this session is for. */
  lessonKey!: number;

  @Field(() => DateTime, { description: 'When the teacher opened the session.' })
  openedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'When the teacher closed the session; null if not closed by hand. A session also stops taking check-ins when its lesson\'s period ends.' })
  closedAt!: Date | null;

  @Field(() => Int, { description: 'Seconds after which the QR token rotates; a code older than this is refused as EXPIRED_TOKEN.' })
  rotationSeconds!: number;

  @Field({ description: 'True when scans must come from within `locationRadiusMeters` of the classroom.' })
  locationCheck!: boolean;

  @Field(() => Int, { nullable: true, description: 'Allowed distance from the classroom in metres; null without a location check.' })
  locationRadiusMeters!: number | null;

  @Identifying()
  @Field({ description: 'Personnel number of the teacher who opened the session, as QR-visit stores it.' })
  teacherPersonnelNumber!: string;

  @Field({ description: 'Group name as QR-visit stores it.' })
  groupName!: string;
}

@HubObject('One scan of a session\'s QR code by a student\'s device. Source: QR-visit.', { node: false })
export class QrScan implements QrScanRecord {
  /** The scan's key in QR-visit. */
  key!: number;
  sessionKey!: number;

  @Identifying()
  @Field({ description: 'Student-book number (зачетка) of the student who scanned; QR-visit knows students only by it.' })
  studentNumber!: string;

  @Field(() => DateTime, { description: 'When the scan reached QR-visit.' })
  scannedAt!: Date;

  @Field(() => ScanResult, { description: 'Accepted, or why it was refused.' })
  result!: ScanResult;
}
