/**
 * Locations and storage: local paths through java.nio, schemed locations ({@code file:}, {@code hdfs://},
 * {@code s3a://}) through Hadoop's FileSystem, atomic (temporary name, then rename) outputs.
 */
package org.dwimotion.io;
