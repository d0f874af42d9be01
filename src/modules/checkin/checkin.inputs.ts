/** Inputs of QR check-in: where a session takes check-ins and where a device is. */
import { Field, Float, InputType, Int } from 'type-graphql';

@InputType({ description: 'The classroom\'s position and how far from it a check-in may come (optional location check of a session).' })
export class SessionLocationInput {
  @Field(() => Float, { description: 'Latitude in degrees (WGS 84), -90 … 90.' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in degrees (WGS 84), -180 … 180.' })
  longitude!: number;

  @Field(() => Int, { description: 'Allowed distance from that point in metres, 10 … 5000.' })
  radiusMeters!: number;
}

@InputType({ description: 'Where the student\'s device is when it scans (required by sessions with a location check).' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude in degrees (WGS 84), -90 … 90.' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitude in degrees (WGS 84), -180 … 180.' })
  longitude!: number;
}
